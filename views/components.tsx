import type { Child, FC } from 'hono/jsx';
import type { TrailerStatus } from '../src/db/schema/media.ts';
import { KIND_NOUN, type ExtraKind } from '../src/domain/extra-kinds.ts';
import { isoTime, relativeTime } from './format.ts';

/**
 * Every status of the main trailer in words (a status added to the schema without a label fails
 * the typecheck); another slot's words name its kind: `slotStatusLabel`.
 */
export const STATUS_LABELS: Record<string, string> = {
  have: `Have ${KIND_NOUN.trailer}`,
  missing: 'Missing',
  queued: 'Queued',
  downloading: 'Downloading',
  'needs-attention': 'Needs attention',
  external: 'External',
  skipped: 'Skipped',
  'no-trailer-yet': `No ${KIND_NOUN.trailer} yet`,
  // Its connection is in preview mode: ranked, and what would be downloaded is recorded.
  preview: 'Previewed',
} satisfies Record<TrailerStatus, string>;

/** What a job is doing, in the words of the activity panel and the badges. */
export const STAGE_LABELS: Record<string, string> = {
  queued: 'Queued',
  searching: 'Finding a trailer',
  downloading: 'Downloading',
  converting: 'Converting',
  placing: 'Placing',
  done: 'Done',
  failed: 'Failed',
};

/** A slot's status in words: where the words name a kind, its own ("Have theme music", "No teaser yet"). */
export function slotStatusLabel(status: string, kind: ExtraKind | null): string {
  const noun = kind === null ? 'file' : KIND_NOUN[kind];
  if (status === 'have') return `Have ${noun}`;
  if (status === 'no-trailer-yet') return `No ${noun} yet`;
  return STATUS_LABELS[status] ?? status;
}

/**
 * The status of the item's trailer, or with `kind` of a slot of that kind (null: a file whose
 * profile was deleted); while work runs (`downloading` covers every stage of a fetch) the
 * stage itself, so a search or a conversion is not called "Downloading".
 */
export const StatusBadge: FC<{ status: string; title?: string | null; stage?: string | null | undefined; kind?: ExtraKind | null | undefined }> = ({ status, title, stage, kind = 'trailer' }) => (
  <span class={`badge status-${status}`} title={title ?? undefined} data-stage={stage ?? undefined}>
    {status === 'downloading' && stage && stage !== 'queued' && STAGE_LABELS[stage] ? STAGE_LABELS[stage] : slotStatusLabel(status, kind)}
  </span>
);

/** Webhook event states in words (the filter and the badges). */
export const EVENT_STATE_LABELS: Record<string, string> = {
  received: 'Received',
  processed: 'Processed',
  ignored: 'Ignored',
  'needs-setup': 'Needs a connection',
  failed: 'Failed',
};

export const StateBadge: FC<{ state: string }> = ({ state }) => (
  <span class={`badge state-${state}`} data-state={state}>
    {EVENT_STATE_LABELS[state] ?? state}
  </span>
);

export const TimeAgo: FC<{ date: Date | string | null | undefined }> = ({ date }) =>
  date ? (
    <time datetime={isoTime(date)} title={isoTime(date)}>
      {relativeTime(date)}
    </time>
  ) : (
    <span class="muted">never</span>
  );

export const CsrfInput: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const Card: FC<{ title?: string; id?: string; class?: string; actions?: Child; children?: Child }> = (props) => (
  <section class={`card ${props.class ?? ''}`} id={props.id}>
    {props.title || props.actions ? (
      <header class="card-header">
        {props.title ? <h2>{props.title}</h2> : null}
        {props.actions ? <div class="card-actions">{props.actions}</div> : null}
      </header>
    ) : null}
    <div class="card-body">{props.children}</div>
  </section>
);

/** A toast the page shows in its top corner; `partial` wraps it for an htmx response. */
export const Toast: FC<{ kind: 'ok' | 'error'; message: string }> = ({ kind, message }) => (
  <div class={`toast toast-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {message}
  </div>
);

export const ToastPartial: FC<{ kind: 'ok' | 'error'; message: string }> = (props) => (
  <hx-partial hx-target="#toast" hx-swap="innerHTML">
    <Toast {...props} />
  </hx-partial>
);

export type PageLinks = { page: number; pages: number; total: number; href: (page: number) => string };

/** `label` is the plural ("items"), `one` the singular ("item"): "1 item", "2 items". */
export const Pagination: FC<PageLinks & { label: string; one: string }> = ({ page, pages, total, href, label, one }) => (
  <nav class="pagination" aria-label={`${label} pages`}>
    <span class="muted">
      {total} {total === 1 ? one : label}
    </span>
    {pages > 1 ? (
      <span class="pager">
        {page > 1 ? <a href={href(page - 1)} rel="prev">‹ Previous</a> : <span class="disabled">‹ Previous</span>}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? <a href={href(page + 1)} rel="next">Next ›</a> : <span class="disabled">Next ›</span>}
      </span>
    ) : null}
  </nav>
);

/** `idPrefix` keeps ids unique when a page holds several forms with the same fields (default `f-`). */
type FieldBase = { name: string; label: string; error?: string | undefined; hint?: Child; idPrefix?: string };

const fieldId = (props: { name: string; idPrefix?: string }) => `${props.idPrefix ?? 'f-'}${props.name}`;

const FieldShell: FC<FieldBase & { children?: Child }> = ({ name, label, error, hint, idPrefix, children }) => (
  <div class={`field${error ? ' has-error' : ''}`}>
    <label for={fieldId({ name, idPrefix })}>{label}</label>
    <div class="field-control">
      {children}
      {error ? (
        <p class="field-error" id={`${fieldId({ name, idPrefix })}-error`}>
          {error}
        </p>
      ) : null}
      {hint ? <p class="field-hint">{hint}</p> : null}
    </div>
  </div>
);

export const TextField: FC<
  FieldBase & { value?: string | number | null | undefined; type?: string; placeholder?: string; required?: boolean; autocomplete?: string; min?: number; max?: number }
> = (props) => (
  <FieldShell {...props}>
    <input
      id={fieldId(props)}
      name={props.name}
      type={props.type ?? 'text'}
      value={props.value === null || props.value === undefined ? '' : String(props.value)}
      placeholder={props.placeholder}
      required={props.required}
      autocomplete={props.autocomplete}
      min={props.min}
      max={props.max}
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? `${fieldId(props)}-error` : undefined}
    />
  </FieldShell>
);

export const SelectField: FC<FieldBase & { value: string; options: Array<{ value: string; label: string }> }> = (props) => (
  <FieldShell {...props}>
    <select id={fieldId(props)} name={props.name} aria-invalid={props.error ? 'true' : undefined}>
      {props.options.map((option) => (
        <option value={option.value} selected={option.value === props.value}>
          {option.label}
        </option>
      ))}
    </select>
  </FieldShell>
);

/** A list edited as one item per line. */
export const ListField: FC<FieldBase & { values: readonly string[]; rows?: number }> = (props) => (
  <FieldShell {...props}>
    <textarea id={fieldId(props)} name={props.name} rows={props.rows ?? 3} aria-invalid={props.error ? 'true' : undefined}>
      {props.values.join('\n')}
    </textarea>
  </FieldShell>
);

export const CheckboxField: FC<FieldBase & { checked: boolean }> = (props) => (
  <FieldShell {...props}>
    {/* The hidden field sends "false" when the box is unticked (a form omits unticked boxes). */}
    <input type="hidden" name={props.name} value="false" />
    <label class="switch">
      <input id={fieldId(props)} type="checkbox" name={props.name} value="true" checked={props.checked} />
      <span class="switch-track" aria-hidden="true" />
    </label>
  </FieldShell>
);

export const FormMessage: FC<{ saved?: string | undefined; error?: string | undefined }> = ({ saved, error }) =>
  error ? (
    <p class="form-message error" role="alert">
      {error}
    </p>
  ) : saved ? (
    <p class="form-message ok" role="status">
      {saved}
    </p>
  ) : null;

/**
 * The filter bar of a list page: a plain GET form (works without script) that htmx submits as
 * you type or pick, swapping only the results and keeping the URL in step.
 */
export const FilterToolbar: FC<{
  id: string;
  action: string;
  results: string;
  q: string | undefined;
  placeholder: string;
  children?: Child;
}> = ({ id, action, results, q, placeholder, children }) => (
  <form
    class="toolbar"
    id={id}
    action={action}
    method="get"
    role="search"
    hx-get={action}
    hx-target={`#${results}`}
    hx-swap="outerHTML"
    hx-push-url="true"
    hx-trigger="submit, input delay:300ms, change"
  >
    {children}
    <input type="search" name="q" value={q ?? ''} placeholder={placeholder} aria-label={placeholder} />
    <noscript>
      <button type="submit" class="button">
        Filter
      </button>
    </noscript>
  </form>
);

/** A labelled <select> of a filter bar, "all" first. */
export const FilterSelect: FC<{ name: string; label: string; value: string; allLabel: string; options: Array<[value: string, label: string]> }> = ({
  name,
  label,
  value,
  allLabel,
  options,
}) => (
  <label class="inline-field">
    <span>{label}</span>
    <select name={name}>
      <option value="all" selected={value === 'all'}>
        {allLabel}
      </option>
      {options.map(([optionValue, optionLabel]) => (
        <option value={optionValue} selected={value === optionValue}>
          {optionLabel}
        </option>
      ))}
    </select>
  </label>
);
