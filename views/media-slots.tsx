import type { FC } from 'hono/jsx';
import type { ItemSlot } from '../src/admin/slot-queries.ts';
import { StatusBadge } from './components.tsx';
import { formatBytes } from './format.ts';
import { ReasonText } from './reason-text.tsx';
import { KIND_LABELS, LANGUAGE_RULE_LABELS, seasonLabel } from './slot-labels.ts';

const ACTIVE = new Set(['queued', 'downloading']);

function slotName(slot: ItemSlot): string {
  const kind = slot.kind ? KIND_LABELS[slot.kind] : 'File';
  return slot.season === null ? kind : `${kind}, ${seasonLabel(slot.season)}`;
}

/** One button of a slot: htmx posts the slot (the page's CSRF header rides along) and swaps the card. */
const SlotButton: FC<{ mediaId: number; slot: ItemSlot; action: 'fetch' | 'replace' | 'delete'; confirm?: string | undefined }> = ({ mediaId, slot, action, confirm }) => {
  const label = action === 'fetch' ? 'Fetch' : action === 'replace' ? 'Replace' : 'Delete file';
  const vals = { profileId: String(slot.profileId), season: slot.season === null ? '' : String(slot.season), ...(action === 'delete' ? {} : { replace: String(action === 'replace') }) };
  return (
    <button
      type="button"
      class={`button small${action === 'fetch' ? ' primary' : action === 'delete' ? ' danger' : ''}`}
      hx-post={`/library/${mediaId}/slots/${action === 'delete' ? 'delete' : 'fetch'}`}
      hx-vals={JSON.stringify(vals)}
      hx-target="#slots"
      hx-swap="outerHTML"
      hx-confirm={confirm}
      aria-label={`${label}: ${slotName(slot)}`}
      data-action={`slot-${action}`}
    >
      {label}
    </button>
  );
};

const SlotRow: FC<{ mediaId: number; title: string; removed: boolean; slot: ItemSlot }> = ({ mediaId, title, removed, slot }) => {
  const active = ACTIVE.has(slot.status);
  const hasFile = slot.status === 'have' || slot.status === 'external';
  const canFetch = slot.planned && !removed && !active && slot.profileId !== null;
  return (
    <tr data-profile-id={slot.profileId === null ? '' : String(slot.profileId)} data-season={slot.season === null ? '' : String(slot.season)} data-status={slot.status}>
      <td>
        <strong>{slot.kind ? KIND_LABELS[slot.kind] : 'File'}</strong>
        {slot.main ? <span class="muted"> (main trailer)</span> : null}
        <div class="muted">{seasonLabel(slot.season)}</div>
      </td>
      <td data-label="Language">{slot.languageRule ? LANGUAGE_RULE_LABELS[slot.languageRule] : '—'}</td>
      <td data-label="Profile">{slot.profileName ?? 'deleted profile'}</td>
      <td>
        {/* The main trailer's work and reason are told once, by the status card above (issue #21). */}
        {slot.main && active ? (
          <a href="#item-status">In progress, see above</a>
        ) : (
          <StatusBadge status={slot.status} kind={slot.kind} />
        )}
        {slot.note ? <div class="status-reason slot-note">{slot.note}</div> : null}
        {slot.reason && !slot.main ? (
          <div class="status-reason">
            <ReasonText text={slot.reason} />
          </div>
        ) : null}
      </td>
      <td data-label="File" class="slot-file">
        {slot.file ? (
          <>
            <span class="path">{slot.file.path}</span> <span class="muted">({formatBytes(slot.file.sizeBytes)})</span>
          </>
        ) : slot.externalPath ? (
          <>
            <span class="path">{slot.externalPath}</span> <span class="muted">(your own file, never touched)</span>
          </>
        ) : (
          ''
        )}
      </td>
      <td class="actions">
        <div class="button-row">
          {canFetch && !hasFile ? <SlotButton mediaId={mediaId} slot={slot} action="fetch" /> : null}
          {canFetch && hasFile ? <SlotButton mediaId={mediaId} slot={slot} action="replace" confirm={`Replace the ${slotName(slot).toLowerCase()} of "${title}"?`} /> : null}
          {slot.file && !active ? <SlotButton mediaId={mediaId} slot={slot} action="delete" confirm={`Delete the ${slotName(slot).toLowerCase()} file of "${title}"?`} /> : null}
        </div>
      </td>
    </tr>
  );
};

/**
 * The Files section: every slot of the item (kind, season, language rule, profile), its state and
 * file, with Fetch / Replace / Delete file. Refreshes itself every two seconds while a slot is
 * queued or downloading, or a deletion of the item's files waits or runs (`busy`).
 */
export const SlotsCard: FC<{ mediaId: number; title: string; removed: boolean; slots: ItemSlot[]; busy?: boolean | undefined }> = ({ mediaId, title, removed, slots, busy = false }) => {
  const polling = busy || slots.some((slot) => ACTIVE.has(slot.status)) ? { 'hx-get': `/library/${mediaId}/slots`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {};
  return (
    <section class="card" id="slots" {...polling}>
      <header class="card-header">
        <h2>Files</h2>
        <span class="muted">
          {slots.length} {slots.length === 1 ? 'slot' : 'slots'}
        </span>
      </header>
      <div class="card-body">
        <div class="table-wrap">
          <table class="table compact stack-sm slots-table">
            <thead>
              <tr>
                <th>What</th>
                <th>Language</th>
                <th>Profile</th>
                <th>Status</th>
                <th>File</th>
                <th class="actions">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {slots.map((slot) => (
                <SlotRow mediaId={mediaId} title={title} removed={removed} slot={slot} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
};
