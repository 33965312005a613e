import type { FC } from 'hono/jsx';
import type { SettingMismatch } from '../src/domain/setting-mismatch.ts';

/** Shown when the running processes (web, workers) were started with different settings. */
export const ProcessSettingsWarning: FC<{ mismatches: readonly SettingMismatch[] }> = ({ mismatches }) =>
  mismatches.length === 0 ? null : (
    <div class="banner warning" role="alert" id="process-settings-warning">
      <strong>The Previewarr processes disagree</strong>: these settings must be the same on the web process and on every
      worker. Set them alike and restart the odd ones out.
      <ul>
        {mismatches.map((mismatch) => (
          <li data-setting={mismatch.setting}>
            <code>{mismatch.setting}</code>:{' '}
            {mismatch.values.map((entry, index) => (
              <>
                {index > 0 ? '; ' : ''}
                <code>{entry.value}</code> on {entry.processes.join(', ')}
              </>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
