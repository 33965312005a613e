import type { FC } from 'hono/jsx';
import type { MediaListItem } from '../src/admin/media-queries.ts';
import { StatusBadge } from './components.tsx';

/**
 * One poster card. The image comes from our own `/posters/{id}` (proxied and cached, never the
 * TMDB/TVDB URL), loaded lazily; the text behind it shows when the Arr named no poster or the
 * image cannot be had (an image with an empty alt that fails to load draws nothing).
 */
export const PosterCard: FC<{ item: MediaListItem }> = ({ item }) => (
  <li class={`poster-card${item.removed ? ' removed' : ''}`} id={`media-card-${item.id}`} data-media-id={String(item.id)}>
    <a href={`/library/${item.id}`} class="poster-link">
      <span class="poster-frame">
        <span class="poster-placeholder" aria-hidden="true">
          {item.posterVersion ? item.title : 'No poster'}
        </span>
        {item.posterVersion ? <img loading="lazy" src={`/posters/${item.id}?v=${item.posterVersion}`} alt="" width={167} height={250} /> : null}
      </span>
      <span class="poster-title">{item.title}</span>
    </a>
    <span class="poster-meta">
      <input type="checkbox" name="ids" value={String(item.id)} form="bulk-form" aria-label={`Select ${item.title}`} />
      <span class="muted">
        {item.year ?? ''}
        {item.removed ? ' (removed)' : ''}
      </span>
      <StatusBadge status={item.trailerStatus} title={item.statusReason} stage={item.progress?.stage} />
    </span>
  </li>
);

export const PosterGrid: FC<{ items: MediaListItem[] }> = ({ items }) => (
  <ul class="poster-grid" aria-label="Library posters">
    {items.map((item) => (
      <PosterCard item={item} />
    ))}
  </ul>
);
