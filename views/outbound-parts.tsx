// Pieces shared by the media-server and notification settings pages.
import type { FC } from 'hono/jsx';
import type { ConnectionHealth } from '../src/db/schema/connections.ts';
import { TimeAgo } from './components.tsx';

export function healthState(enabled: boolean, health: ConnectionHealth | null): 'disabled' | 'unknown' | 'ok' | 'error' {
  return !enabled ? 'disabled' : !health ? 'unknown' : health.ok ? 'ok' : 'error';
}

export const HealthDot: FC<{ state: string }> = ({ state }) => (
  <span class={`health health-${state}`}>
    <span class="dot" aria-hidden="true" />
  </span>
);

export const HealthLine: FC<{ enabled: boolean; health: ConnectionHealth | null }> = ({ enabled, health }) => (
  <p class="health-message" data-health={healthState(enabled, health)}>
    {health ? health.message : enabled ? 'Not tested yet: press Test.' : 'Disabled.'}
    {health ? (
      <span class="muted">
        {' '}
        (checked <TimeAgo date={health.checkedAt} />)
      </span>
    ) : null}
  </p>
);

/** Card buttons: Test, Enable/Disable, Delete (htmx, swapping the card). */
export const CardActions: FC<{ base: string; id: number; name: string; enabled: boolean; what: string }> = ({ base, id, name, enabled, what }) => (
  <div class="card-actions">
    <button type="button" class="button small" hx-post={`${base}/${id}/test`} hx-target={`#${what}-${id}`} hx-swap="outerHTML" data-action="test">
      Test
    </button>
    <button type="button" class="button small" hx-post={`${base}/${id}/${enabled ? 'disable' : 'enable'}`} hx-target={`#${what}-${id}`} hx-swap="outerHTML" data-action="toggle">
      {enabled ? 'Disable' : 'Enable'}
    </button>
    <button type="button" class="button small danger" hx-post={`${base}/${id}/delete`} hx-target={`#${what}-${id}`} hx-swap="delete" hx-confirm={`Delete "${name}"?`}>
      Delete
    </button>
  </div>
);

export type MappingRow = { remotePrefix: string; localPrefix: string };

export const MappingRows: FC<{ rows: MappingRow[]; remoteLabel: string; errors: Record<string, string> }> = ({ rows, remoteLabel, errors }) => (
  <fieldset>
    <legend>Path mappings</legend>
    <p class="field-hint">Only when the server sees the media under another path than Previewarr does (for example /data/movies there, /movies here).</p>
    {errors['pathMappings'] ? <p class="field-error">{errors['pathMappings']}</p> : null}
    {[...rows, { remotePrefix: '', localPrefix: '' }].map((row, index) => (
      <div class="mapping-row">
        <input type="text" name="remotePrefix" value={row.remotePrefix} placeholder={remoteLabel} aria-label={`Mapping ${index + 1}: ${remoteLabel}`} />
        <span aria-hidden="true">→</span>
        <input type="text" name="localPrefix" value={row.localPrefix} placeholder="Path here" aria-label={`Mapping ${index + 1}: path here`} />
        {errors[`pathMappings.${index}.remotePrefix`] || errors[`pathMappings.${index}.localPrefix`] ? (
          <p class="field-error">{errors[`pathMappings.${index}.remotePrefix`] ?? errors[`pathMappings.${index}.localPrefix`]}</p>
        ) : null}
      </div>
    ))}
  </fieldset>
);
