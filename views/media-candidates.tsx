import type { FC } from 'hono/jsx';
import type { MediaDetail } from '../src/admin/media-queries.ts';
import { Card } from './components.tsx';
import { formatDuration } from './format.ts';

/** The ranked candidates with score and reasons; choose one, or blocklist it for this item. */
export const CandidatesCard: FC<{ detail: MediaDetail }> = ({ detail }) => {
  const id = detail.media.id;
  const blocked = new Set(detail.blocklist.map((b) => b.videoId));
  const current = detail.trailer?.sourceVideoId ?? null;
  return (
    <Card title="Candidates" id="candidates">
      {detail.candidates.length === 0 ? (
        <p class="empty">No candidates yet: they are listed here after the first search.</p>
      ) : (
        <div class="table-wrap">
          <table class="table candidates-table stack-sm">
            <thead>
              <tr>
                <th class="num">#</th>
                <th>Video</th>
                <th class="num">Length</th>
                <th class="num">Score</th>
                <th class="hide-sm">Why</th>
                <th class="actions">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.candidates.map((candidate, index) => {
                const isBlocked = blocked.has(candidate.videoId);
                const isCurrent = candidate.videoId === current;
                return (
                  <tr data-video-id={candidate.videoId} class={candidate.excluded || isBlocked ? 'excluded' : undefined}>
                    <td class="num">{candidate.excluded ? '–' : index + 1}</td>
                    <td>
                      <a href={candidate.url} target="_blank" rel="noreferrer noopener">
                        {candidate.title ?? candidate.videoId}
                      </a>
                      <div class="muted small">
                        {[candidate.channel, candidate.source].filter(Boolean).join(' · ')}
                        {isCurrent ? <span class="badge status-have">in use</span> : null}
                        {isBlocked ? <span class="badge state-failed">blocklisted</span> : null}
                      </div>
                    </td>
                    <td class="num" data-label="Length">{formatDuration(candidate.durationSeconds)}</td>
                    <td class="num" data-label="Score">{candidate.score.toFixed(1)}</td>
                    <td class="hide-sm small">{candidate.reasons.join('; ')}</td>
                    <td class="actions">
                      {isBlocked ? (
                        <button type="button" class="button small" hx-post={`/library/${id}/unblock`} hx-vals={JSON.stringify({ videoId: candidate.videoId })} hx-target="#candidates" hx-swap="outerHTML">
                          Allow again
                        </button>
                      ) : (
                        <>
                          {isCurrent ? null : (
                            <button
                              type="button"
                              class="button small primary"
                              hx-post={`/library/${id}/choose`}
                              hx-vals={JSON.stringify({ videoId: candidate.videoId })}
                              hx-target="#item-status"
                              hx-swap="outerHTML"
                              data-action="choose"
                            >
                              Use this
                            </button>
                          )}
                          <button
                            type="button"
                            class="button small"
                            hx-post={`/library/${id}/blocklist`}
                            hx-vals={JSON.stringify({ videoId: candidate.videoId })}
                            hx-target="#candidates"
                            hx-swap="outerHTML"
                            hx-confirm="Never use this video for this item?"
                            data-action="blocklist"
                          >
                            Blocklist
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
};
