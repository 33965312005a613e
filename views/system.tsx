import type { FC } from 'hono/jsx';
import type { CheckResult } from '../src/doctor/check-result.ts';
import { LOG_LEVELS, type LogEntry, type LogLevelName } from '../src/logs/log-ring.ts';
import { Card } from './components.tsx';
import { Layout, type Chrome } from './layout.tsx';

const HEALTH_CLASS = { ok: 'health-ok', warn: 'health-warn', fail: 'health-error' } as const;

/** The doctor's checks, as the dashboard's Health panel shows them (loaded after the page). */
export const HealthResults: FC<{ results: CheckResult[]; checkedAt: Date }> = ({ results, checkedAt }) => (
  <div id="health-results">
    <ul class="health-list">
      {results.map((result) => (
        <li class={`health ${HEALTH_CLASS[result.status]}`} data-check={result.name} data-status={result.status}>
          <span class="dot" aria-hidden="true" />
          <span class="health-name">{result.name}</span>
          <span class="health-message">
            {result.message}
            {result.status !== 'ok' && result.fix !== undefined ? <span class="hint"> — {result.fix}</span> : null}
          </span>
        </li>
      ))}
    </ul>
    <p class="muted">
      Checked {checkedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC. The same checks run from a terminal with{' '}
      <code>npm run doctor</code> (in the container: <code>previewarr doctor</code>).
    </p>
  </div>
);

/** On the dashboard: a placeholder that loads the checks once the page is up. */
export const HealthPanel: FC = () => (
  <Card title="Health" id="health">
    <div hx-get="/system/health" hx-trigger="load" hx-swap="outerHTML">
      <p class="muted">Checking…</p>
    </div>
  </Card>
);

export type LogsQuery = { level: LogLevelName; q: string };

const LogsFilter: FC<{ query: LogsQuery }> = ({ query }) => (
  <form class="filters" action="/system/logs" method="get">
    <label>
      Level at least{' '}
      <select name="level">
        {LOG_LEVELS.map((level) => (
          <option value={level} selected={level === query.level}>
            {level}
          </option>
        ))}
      </select>
    </label>
    <label>
      Text <input type="search" name="q" value={query.q} maxlength={200} />
    </label>
    <button type="submit">Filter</button>
    <a class="button" href={`/system/logs/download?${new URLSearchParams({ level: query.level, q: query.q })}`} download>
      Download
    </a>
  </form>
);

export const LogsPage: FC<{ chrome: Chrome; query: LogsQuery; entries: LogEntry[]; shownLimit: number; capacity: number }> = (props) => (
  <Layout title="Logs" chrome={props.chrome} active="logs">
    <h1 class="page-title">Logs</h1>
    <Card>
      <LogsFilter query={props.query} />
      <p class="muted">
        The last {props.capacity} lines this process logged (secrets are redacted, as in the log), newest last
        {props.entries.length > props.shownLimit ? `; the last ${props.shownLimit} of ${props.entries.length} matching are shown, download for all` : ''}.
      </p>
      {props.entries.length === 0 ? (
        <p class="empty">No log lines match.</p>
      ) : (
        <table class="table compact log-table">
          <tbody>
            {props.entries.slice(-props.shownLimit).map((entry) => (
              <tr class={`log-${entry.level}`}>
                <td class="nowrap">
                  <time datetime={new Date(entry.time).toISOString()}>{new Date(entry.time).toISOString().slice(11, 23)}</time>
                </td>
                <td>
                  <span class={`badge level-${entry.level}`}>{entry.level}</span>
                </td>
                <td>
                  <details>
                    <summary>{entry.msg}</summary>
                    <pre class="log-line">{entry.line}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  </Layout>
);
