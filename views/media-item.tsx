import type { FC } from 'hono/jsx';
import type { MediaDetail } from '../src/admin/media-queries.ts';
import type { ItemSlot } from '../src/admin/slot-queries.ts';
import { Card, CsrfInput, STAGE_LABELS, StatusBadge, TextField, TimeAgo } from './components.tsx';
import { formatBytes, titleWithYear } from './format.ts';
import { Layout, type Chrome } from './layout.tsx';
import { FetchButton } from './library.tsx';
import { CandidatesCard } from './media-candidates.tsx';
import { ItemControlCard } from './item-control.tsx';
import { SlotsCard } from './media-slots.tsx';
import { ReasonText } from './reason-text.tsx';

const ACTIVE_STATUSES = new Set(['queued', 'downloading']);

/**
 * Status, progress, actions and the player. While work runs (a fetch, or a deletion still
 * queued: `busy`) it refreshes itself every second.
 */
export const ItemStatus: FC<{ detail: MediaDetail; busy?: boolean }> = ({ detail, busy = false }) => {
  const item = detail.media;
  const active = ACTIVE_STATUSES.has(item.trailerStatus);
  const polling = active || busy ? { 'hx-get': `/library/${item.id}/status`, 'hx-trigger': 'every 1s', 'hx-swap': 'outerHTML' } : {};
  const progress = detail.progress;
  return (
    <section class="card" id="item-status" data-status={item.trailerStatus} {...polling}>
      <div class="card-body item-status">
        <div class="status-line">
          <StatusBadge status={item.trailerStatus} stage={progress?.stage} />
          {item.statusReason ? <span class="status-reason">
              <ReasonText text={item.statusReason} />
            </span> : null}
        </div>
        {/* Queued: the badge and its reason say it all; the bar is for work that runs. */}
        {active && progress && progress.stage !== 'queued' ? (
          <div class="progress-item" data-stage={progress.stage}>
            <div class="progress-head">
              <span>{STAGE_LABELS[progress.stage] ?? progress.stage}</span>
              <span>{progress.percent !== null ? `${Math.round(progress.percent)}%` : ''}</span>
            </div>
            {progress.percent === null ? <progress max={100} /> : <progress max={100} value={Math.round(progress.percent)} />}
            {progress.detail ? <div class="progress-detail muted">
                <ReasonText text={progress.detail} />
              </div> : null}
          </div>
        ) : null}
        <div class="button-row">
          <FetchButton item={{ id: item.id, title: item.title, trailerStatus: item.trailerStatus, removed: item.removedAt !== null }} view="status" />
          {detail.trailer && !active && !busy ? (
            <button
              type="button"
              class="button small danger"
              hx-post={`/library/${item.id}/delete-trailer`}
              hx-target="#item-status"
              hx-swap="outerHTML"
              hx-confirm={`Delete the trailer file of "${item.title}"?`}
              data-action="delete-trailer"
            >
              Delete trailer
            </button>
          ) : null}
        </div>
        {detail.trailer && !active ? (
          <div class="trailer-file">
            <video controls preload="metadata" src={`/library/${item.id}/trailer`} />
            <dl class="facts">
              <dt>File</dt>
              <dd class="path">{detail.trailer.path}</dd>
              <dt>Size</dt>
              <dd>{formatBytes(detail.trailer.sizeBytes)}</dd>
              <dt>Source</dt>
              <dd>
                <a href={detail.trailer.sourceUrl} rel="noreferrer noopener" target="_blank">
                  {detail.trailer.sourceVideoId ?? detail.trailer.sourceUrl}
                </a>
              </dd>
              <dt>Placed</dt>
              <dd>
                <TimeAgo date={detail.trailer.createdAt} />
              </dd>
            </dl>
          </div>
        ) : null}
        {item.trailerStatus === 'external' && item.externalTrailerPath ? (
          <p class="muted">
            Your own trailer file is used and never touched: <span class="path">{item.externalTrailerPath}</span>
          </p>
        ) : null}
      </div>
    </section>
  );
};

export const SourceUrlForm: FC<{ detail: MediaDetail; csrfToken: string; value?: string | undefined; error?: string | undefined; saved?: string | undefined }> = ({
  detail,
  csrfToken,
  value,
  error,
  saved,
}) => (
  <form class="stacked-form" id="source-url-form" method="post" action={`/library/${detail.media.id}/source-url`} hx-post={`/library/${detail.media.id}/source-url`} hx-swap="outerHTML">
    <CsrfInput token={csrfToken} />
    <TextField
      name="url"
      label="Video link"
      type="url"
      value={value ?? detail.media.userSourceUrl ?? ''}
      placeholder="https://www.youtube.com/watch?v=…"
      error={error}
      hint={saved ?? 'A link you paste is tried before anything else.'}
    />
    <div class="button-row">
      <button type="submit" class="button primary small">
        Use this link
      </button>
      {detail.media.userSourceUrl ? (
        <button type="submit" class="button small" name="forget" value="true" data-action="forget-link">
          Forget this link
        </button>
      ) : null}
    </div>
  </form>
);

export const AttemptsCard: FC<{ detail: MediaDetail }> = ({ detail }) => (
  <Card title="Attempts" id="attempts">
    {detail.attempts.length === 0 ? (
      <p class="empty">No download attempts yet.</p>
    ) : (
      <div class="table-wrap">
        <table class="table compact stack-sm">
          <thead>
            <tr>
              <th>Started</th>
              <th>Outcome</th>
              <th>Video</th>
              <th>Error</th>
              <th>Next try</th>
            </tr>
          </thead>
          <tbody>
            {detail.attempts.map((attempt) => (
              <tr data-outcome={attempt.outcome}>
                <td>
                  <TimeAgo date={attempt.startedAt} />
                </td>
                <td>
                  <span class={`badge outcome-${attempt.outcome}`}>{attempt.outcome}</span>
                </td>
                <td class="path">{attempt.sourceVideoId ?? attempt.sourceUrl ?? '—'}</td>
                <td>{attempt.error ? `${attempt.errorKind ? `${attempt.errorKind}: ` : ''}${attempt.error}` : ''}</td>
                <td data-label="Next try">{attempt.nextTryAt ? <TimeAgo date={attempt.nextTryAt} /> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Card>
);

export const MediaItemPage: FC<{ chrome: Chrome; detail: MediaDetail; slots: ItemSlot[]; busy?: boolean }> = ({ chrome, detail, slots, busy }) => {
  const item = detail.media;
  return (
    <Layout title={item.title} chrome={chrome} active={item.kind === 'movie' ? 'movies' : 'series'}>
      <p class="breadcrumb">
        <a href={`/library?kind=${item.kind}`}>{item.kind === 'movie' ? 'Movies' : 'Series'}</a> ›
      </p>
      <h1 class="page-title">{titleWithYear(item.title, item.year)}</h1>
      <p class="subtitle muted">
        {detail.connection.name} · {item.monitored ? 'monitored' : 'not monitored'} in {detail.connection.kind === 'radarr' ? 'Radarr' : 'Sonarr'} · {item.hasFile ? 'file on disk' : 'no file yet'}
        {item.removedAt ? ' · removed from the library' : ''}
      </p>
      <div class="grid">
        <div class="span-2">
          <ItemStatus detail={detail} busy={busy} />
        </div>
        <div class="span-2">
          <SlotsCard mediaId={item.id} title={item.title} removed={item.removedAt !== null} slots={slots} busy={busy} />
        </div>
        <ItemControlCard detail={detail} />
        <Card title="Use a video of your choice" id="source-url">
          <SourceUrlForm detail={detail} csrfToken={chrome.csrfToken} />
        </Card>
        <Card title="Folder" id="folder">
          <dl class="facts">
            <dt>As {detail.connection.kind === 'radarr' ? 'Radarr' : 'Sonarr'} sees it</dt>
            <dd class="path">{item.folderPath}</dd>
            {item.movieFileRelativePath ? (
              <>
                <dt>File</dt>
                <dd class="path">{item.movieFileRelativePath}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <div class="span-2">
          <CandidatesCard detail={detail} />
        </div>
        <div class="span-2">
          <AttemptsCard detail={detail} />
        </div>
      </div>
    </Layout>
  );
};
