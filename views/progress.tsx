import type { FC } from 'hono/jsx';
import type { ProgressRow, StatusCounts } from '../src/admin/dashboard-queries.ts';
import type { RateLimitStatus } from '../src/pipeline/rate-limit-gate.ts';
import { STAGE_LABELS, STATUS_LABELS, TimeAgo } from './components.tsx';
import { ReasonText } from './reason-text.tsx';
import { relativeTime, titleWithYear } from './format.ts';
import { YoutubeAdvice } from './youtube-advice.tsx';

// The live parts of the dashboard: rendered on the page at first, then again server-side for
// every change and pushed over Server-Sent Events (see src/http/sse.ts).


function percentOf(row: ProgressRow): number | undefined {
  if (row.stage === 'done') return 100;
  if (row.percent === null || !Number.isFinite(row.percent)) return undefined;
  return Math.max(0, Math.min(100, Math.round(row.percent)));
}

export const ProgressList: FC<{ rows: ProgressRow[] }> = ({ rows }) =>
  rows.length === 0 ? (
    <p class="empty">Nothing is downloading right now.</p>
  ) : (
    <ul class="progress-list">
      {rows.map((row) => {
        const percent = percentOf(row);
        const label = `${STAGE_LABELS[row.stage] ?? row.stage}${percent !== undefined && row.stage !== 'done' ? ` ${percent}%` : ''}`;
        return (
          <li class={`progress-item stage-${row.stage}`} data-media-id={String(row.mediaId)} data-stage={row.stage}>
            <div class="progress-head">
              <a href={`/library/${row.mediaId}`}>{titleWithYear(row.title, row.year)}</a>
              <span class="progress-stage">{label}</span>
            </div>
            {/* A <progress> without value is the indeterminate bar: searching, or a size not known yet. */}
            {percent === undefined ? (
              <progress max={100} aria-label={`${row.title}: ${label}`} />
            ) : (
              <progress max={100} value={percent} aria-label={`${row.title}: ${label}`} />
            )}
            <div class="progress-detail muted">
              <ReasonText text={row.detail} />{' '}
              {row.stage === 'done' || row.stage === 'failed' ? (
                <>
                  · <TimeAgo date={row.updatedAt} />
                </>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );

const COUNTED: Array<{ status: keyof StatusCounts; label: string }> = [
  { status: 'have', label: STATUS_LABELS['have']! },
  { status: 'missing', label: STATUS_LABELS['missing']! },
  { status: 'queued', label: STATUS_LABELS['queued']! },
  { status: 'downloading', label: STATUS_LABELS['downloading']! },
  { status: 'needs-attention', label: STATUS_LABELS['needs-attention']! },
  { status: 'external', label: STATUS_LABELS['external']! },
  { status: 'no-trailer-yet', label: STATUS_LABELS['no-trailer-yet']! },
  { status: 'preview', label: STATUS_LABELS['preview']! },
];

// Shown only while some connection has previewed items: most libraries never use preview mode.
const shownTile = (status: keyof StatusCounts, counts: StatusCounts) => status !== 'preview' || counts.preview > 0;

export const StatusCountsPanel: FC<{ counts: StatusCounts }> = ({ counts }) => (
  <div class="counts" id="status-counts">
    {COUNTED.filter(({ status }) => shownTile(status, counts)).map(({ status, label }) => (
      <a class={`count-tile status-${status}`} href={`/library?status=${status}`} data-status={status}>
        <span class="count-value">{counts[status]}</span>
        <span class="count-label">{label}</span>
      </a>
    ))}
  </div>
);

export const CoolOffBanner: FC<{ status: RateLimitStatus }> = ({ status }) => (
  <div id="cool-off">
    {status.coolingOff ? (
      <div class="banner warning" role="status">
        <strong>Downloads are paused</strong>: YouTube asked us to slow down
        {status.reason ? ` (${status.reason})` : ''}. They resume {relativeTime(status.until ?? null)}.
        <YoutubeAdvice reason={status.reason} />
      </div>
    ) : null}
  </div>
);

export type LiveSnapshot = { progress: ProgressRow[]; counts: StatusCounts; coolOff: RateLimitStatus };

/** One SSE message: the progress list (swapped into the stream's element) plus partials. */
export const LiveUpdate: FC<LiveSnapshot> = ({ progress, counts, coolOff }) => (
  <>
    <ProgressList rows={progress} />
    <hx-partial hx-target="#status-counts" hx-swap="outerHTML">
      <StatusCountsPanel counts={counts} />
    </hx-partial>
    <hx-partial hx-target="#cool-off" hx-swap="outerHTML">
      <CoolOffBanner status={coolOff} />
    </hx-partial>
  </>
);
