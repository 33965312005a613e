import type { FC } from 'hono/jsx';
import type { PreviewListing, WouldDownload } from '../src/admin/preview-queries.ts';
import { Card, CsrfInput, STATUS_LABELS, TimeAgo } from './components.tsx';
import { Layout, type Chrome } from './layout.tsx';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Only http(s) addresses become links; anything else a source might hand over stays text. */
const VideoLink: FC<{ item: WouldDownload }> = ({ item }) =>
  /^https?:\/\//i.test(item.url) ? (
    <a href={item.url} target="_blank" rel="noreferrer noopener" class="wrap-anywhere">
      {item.videoTitle ?? item.url}
    </a>
  ) : (
    <span class="wrap-anywhere">{item.videoTitle ?? item.url}</span>
  );

const PreviewActions: FC<{ listing: PreviewListing; csrfToken: string }> = ({ listing, csrfToken }) => {
  const { id, name, previewOnly, enabled } = listing.connection;
  if (!previewOnly) {
    return (
      <p>
        "{name}" downloads trailers. To see first what it would download, switch on <strong>Preview only</strong> in <a href={`/settings/connections/${id}`}>its settings</a>.
      </p>
    );
  }
  return (
    <div class="form-footer preview-actions">
      <form method="post" action={`/settings/connections/${id}/preview/run`} hx-post={`/settings/connections/${id}/preview/run`}>
        <CsrfInput token={csrfToken} />
        <button type="submit" class="button" disabled={!enabled} data-action="run-preview">
          Run preview
        </button>
      </form>
      <form
        method="post"
        action={`/settings/connections/${id}/preview/download`}
        hx-post={`/settings/connections/${id}/preview/download`}
        hx-confirm={`Switch off preview for "${name}" and download ${plural(listing.counts.wouldDownload, 'trailer', 'trailers')} now?`}
      >
        <CsrfInput token={csrfToken} />
        <button type="submit" class="button primary" data-action="download-previewed">
          Switch off preview and download
        </button>
      </form>
    </div>
  );
};

const WouldDownloadTable: FC<{ rows: WouldDownload[] }> = ({ rows }) => (
  <div class="table-wrap">
    <table class="table stack-sm preview-table" id="would-download">
      <thead>
        <tr>
          <th>Item</th>
          <th>Would download</th>
          <th class="num">Score</th>
          <th class="hide-sm">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr data-media-id={String(row.mediaId)} data-video-id={row.videoId}>
            <td>
              <a href={`/library/${row.mediaId}`}>{row.title}</a>
              {row.year !== null ? <span class="muted"> ({row.year})</span> : null}
            </td>
            <td>
              <VideoLink item={row} />
              <div class="muted small">
                {[row.channel, row.source].filter(Boolean).join(' · ')} · previewed <TimeAgo date={row.previewedAt.toISOString()} />
              </div>
            </td>
            <td class="num" data-label="Score">
              {row.score.toFixed(1)}
            </td>
            <td class="hide-sm small">{row.reasons.join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const PreviewPage: FC<{ chrome: Chrome; listing: PreviewListing; message?: string | undefined }> = ({ chrome, listing, message }) => {
  const { connection, counts } = listing;
  return (
    <Layout title={`Preview · ${connection.name}`} chrome={chrome} active="settings">
      <p class="breadcrumb">
        <a href="/settings/connections">← Connections</a>
      </p>
      <h1 class="page-title">Preview of {connection.name}</h1>
      {message ? (
        <div class="banner ok" role="status">
          {message}
        </div>
      ) : null}
      <Card title={connection.previewOnly ? 'Preview only — nothing is downloaded' : 'Preview is off'} id="preview-summary">
        <p data-counts={JSON.stringify(counts)}>
          {plural(counts.wouldDownload, 'item would get a trailer', 'items would get a trailer')}; nothing acceptable for {plural(counts.nothingAcceptable, 'item', 'items')};{' '}
          {plural(counts.inProgress, 'item', 'items')} being ranked now; {plural(counts.notPreviewed, 'item', 'items')} not previewed yet.
        </p>
        <PreviewActions listing={listing} csrfToken={chrome.csrfToken} />
      </Card>
      <Card title="Would download" id="would-download-card">
        {listing.wouldDownload.length === 0 ? (
          <p class="empty">{connection.previewOnly ? 'Nothing yet: press Run preview, or wait for the next sync or import.' : 'Nothing: preview is off, so trailers are downloaded rather than previewed.'}</p>
        ) : (
          <WouldDownloadTable rows={listing.wouldDownload} />
        )}
        {counts.wouldDownload > listing.wouldDownload.length ? <p class="muted small">The first {listing.wouldDownload.length} of {counts.wouldDownload}.</p> : null}
      </Card>
      <Card title="Nothing acceptable" id="nothing-acceptable">
        {listing.nothingAcceptable.length === 0 ? (
          <p class="empty">Every ranked item had a usable candidate.</p>
        ) : (
          <ul class="plain-list">
            {listing.nothingAcceptable.map((item) => (
              <li data-media-id={String(item.mediaId)}>
                <a href={`/library/${item.mediaId}`}>{item.title}</a>
                {item.year !== null ? <span class="muted"> ({item.year})</span> : null} <span class={`badge status-${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</span>
                <div class="muted small wrap-anywhere">{item.reason ?? ''}</div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Layout>
  );
};
