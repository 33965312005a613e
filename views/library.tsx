import type { FC } from 'hono/jsx';
import { MEDIA_SORTS, type LibraryQuery, type LibraryView, type MediaListQuery, type MediaSort } from '../src/admin/admin-schemas.ts';
import type { MediaListItem, MediaPage } from '../src/admin/media-queries.ts';
import { FilterSelect, FilterToolbar, Pagination, STATUS_LABELS, StatusBadge } from './components.tsx';
import { Layout, type Chrome, type NavKey } from './layout.tsx';
import { PosterGrid } from './library-grid.tsx';
import { EXTRA_KINDS, type ExtraKind } from '../src/domain/extra-kinds.ts';
import { KIND_LABELS, KIND_WITH_ARTICLE } from './slot-labels.ts';

export function libraryHref(query: MediaListQuery & { view?: LibraryView }, page = query.page): string {
  const params = new URLSearchParams();
  if (query.kind !== 'all') params.set('kind', query.kind);
  if (query.status !== 'all') params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (query.sort !== 'title') params.set('sort', query.sort);
  if (query.dir !== 'asc') params.set('dir', query.dir);
  if (query.view === 'grid') params.set('view', 'grid');
  if (query.missing !== 'all') params.set('missing', query.missing);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/library?${text}` : '/library';
}

/**
 * "Fetch now" for an item without a trailer, "Replace" (with force) for one that has one; none
 * while a fetch is queued or running (the status badge says so, once).
 */
export const FetchButton: FC<{ item: Pick<MediaListItem, 'id' | 'trailerStatus' | 'removed' | 'title'>; view: 'row' | 'status' }> = ({ item, view }) => {
  if (item.removed || item.trailerStatus === 'queued' || item.trailerStatus === 'downloading') return null;
  const replace = item.trailerStatus === 'have' || item.trailerStatus === 'external';
  const target = view === 'row' ? 'closest tr' : '#item-status';
  return (
    <button
      type="button"
      class={`button small${replace ? '' : ' primary'}`}
      hx-post={`/library/${item.id}/fetch`}
      hx-vals={JSON.stringify({ force: replace ? 'true' : 'false', view })}
      hx-target={target}
      hx-swap="outerHTML"
      hx-confirm={replace ? `Replace the trailer of "${item.title}"?` : undefined}
      data-action="fetch"
    >
      {replace ? 'Replace' : 'Fetch now'}
    </button>
  );
};

export const MediaRow: FC<{ item: MediaListItem }> = ({ item }) => (
  <tr id={`media-row-${item.id}`} data-media-id={String(item.id)} class={item.removed ? 'removed' : undefined}>
    <td class="select-cell">
      <input type="checkbox" name="ids" value={String(item.id)} form="bulk-form" aria-label={`Select ${item.title}`} />
    </td>
    <td class="title-cell">
      <a href={`/library/${item.id}`}>{item.title}</a>
      {item.removed ? <span class="muted"> (removed)</span> : null}
    </td>
    <td class="num hide-sm">{item.year ?? ''}</td>
    <td class="hide-sm">{item.kind === 'movie' ? 'Movie' : 'Series'}</td>
    <td class="hide-sm muted">{item.connectionName}</td>
    <td>
      <StatusBadge status={item.trailerStatus} title={item.statusReason} stage={item.progress?.stage} />
      {item.progress && item.trailerStatus === 'downloading' && item.progress.percent !== null ? (
        <progress class="inline-progress" max={100} value={Math.round(item.progress.percent)} />
      ) : null}
    </td>
    <td class="actions">
      <FetchButton item={item} view="row" />
    </td>
  </tr>
);

export const LibraryResults: FC<{ page: MediaPage; query: LibraryQuery }> = ({ page, query }) => (
  <div id="library-results">
    {query.missing !== 'all' ? <MissingCount total={page.total} kind={query.missing} /> : null}
    {page.items.length === 0 ? (
      <p class="empty">
        {query.q || query.status !== 'all' || query.missing !== 'all' ? 'Nothing matches these filters.' : 'The library is empty. Add a connection in Settings and it fills up after the first sync.'}
      </p>
    ) : query.view === 'grid' ? (
      <PosterGrid items={page.items} />
    ) : (
      <div class="table-wrap">
        <table class="table library-table">
          <thead>
            <tr>
              <th class="select-cell">
                <span class="visually-hidden">Select</span>
              </th>
              <th>Title</th>
              <th class="num hide-sm">Year</th>
              <th class="hide-sm">Type</th>
              <th class="hide-sm">Connection</th>
              <th>Trailer</th>
              <th class="actions">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <MediaRow item={item} />
            ))}
          </tbody>
        </table>
      </div>
    )}
    <Pagination page={page.page} pages={page.pages} total={page.total} label="items" one="item" href={(n) => libraryHref(query, n)} />
  </div>
);

/**
 * One action on every ticked row (the rows' checkboxes belong to this form by their `form`
 * attribute). The answer is a summary; each row then shows its own progress as the jobs run.
 */
const BulkBar: FC = () => (
  <form class="toolbar bulk-bar" id="bulk-form" method="post" action="/library/bulk" hx-post="/library/bulk" hx-target="#bulk-result" hx-swap="innerHTML" hx-disable="find button">
    <label class="inline-field">
      <span>With the selected items</span>
      <select name="action">
        <option value="fetch">Fetch trailer</option>
        <option value="replace">Replace trailer</option>
        <option value="delete-trailer">Delete trailer</option>
        <option value="monitor">Monitor</option>
        <option value="unmonitor">Unmonitor</option>
      </select>
    </label>
    <button type="submit" class="button" data-action="bulk">
      Apply
    </button>
    <span id="bulk-result" class="bulk-result" role="status" />
  </form>
);

/** How many items the "missing" filter found, in words. */
const MissingCount: FC<{ total: number; kind: ExtraKind }> = ({ total, kind }) => (
  <p class="missing-count" id="missing-count" role="status">
    {total} {total === 1 ? 'item is' : 'items are'} missing {KIND_WITH_ARTICLE[kind]}.
  </p>
);

const SORT_LABELS: Record<MediaSort, string> = { title: 'Title', year: 'Year', added: 'Added', status: 'Trailer status', size: 'Trailer size' };

/** Order and direction: part of the filter form, so the URL (and a bookmark) keeps them. */
const SortSelect: FC<{ query: MediaListQuery }> = ({ query }) => (
  <>
    <label class="inline-field">
      <span>Sort by</span>
      <select name="sort">
        {MEDIA_SORTS.map((sort) => (
          <option value={sort} selected={query.sort === sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </label>
    <label class="inline-field">
      <span>Order</span>
      <select name="dir">
        <option value="asc" selected={query.dir === 'asc'}>
          Ascending
        </option>
        <option value="desc" selected={query.dir === 'desc'}>
          Descending
        </option>
      </select>
    </label>
  </>
);

const KIND_TABS: Array<{ kind: MediaListQuery['kind']; label: string }> = [
  { kind: 'all', label: 'All' },
  { kind: 'movie', label: 'Movies' },
  { kind: 'series', label: 'Series' },
];

const VIEW_TABS: Array<{ view: LibraryView; label: string }> = [
  { view: 'table', label: 'Table' },
  { view: 'grid', label: 'Posters' },
];

export const LibraryPage: FC<{ chrome: Chrome; page: MediaPage; query: LibraryQuery }> = ({ chrome, page, query }) => {
  const active: NavKey = query.kind === 'movie' ? 'movies' : query.kind === 'series' ? 'series' : 'movies';
  const heading = query.kind === 'movie' ? 'Movies' : query.kind === 'series' ? 'Series' : 'Library';
  return (
    <Layout title={heading} chrome={chrome} active={active} search={query.q}>
      <h1 class="page-title">{heading}</h1>
      <FilterToolbar id="library-filters" action="/library" results="library-results" q={query.q} placeholder="Filter by title or year">
        <div class="tabs" role="group" aria-label="Type">
          {KIND_TABS.map((tab) => (
            <label class={`tab${query.kind === tab.kind ? ' active' : ''}`}>
              <input type="radio" name="kind" value={tab.kind} checked={query.kind === tab.kind} />
              {tab.label}
            </label>
          ))}
        </div>
        <FilterSelect name="status" label="Trailer" value={query.status} allLabel="Any status" options={Object.entries(STATUS_LABELS)} />
        <FilterSelect name="missing" label="Missing" value={query.missing} allLabel="No filter" options={EXTRA_KINDS.map((kind) => [kind, KIND_LABELS[kind]])} />
        <SortSelect query={query} />
        <div class="tabs" role="group" aria-label="View">
          {VIEW_TABS.map((tab) => (
            <label class={`tab${query.view === tab.view ? ' active' : ''}`}>
              <input type="radio" name="view" value={tab.view} checked={query.view === tab.view} />
              {tab.label}
            </label>
          ))}
        </div>
      </FilterToolbar>
      <BulkBar />
      <LibraryResults page={page} query={query} />
    </Layout>
  );
};
