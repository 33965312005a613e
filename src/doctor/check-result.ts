// One line of `previewarr doctor` and of the dashboard's Health panel.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckResult = {
  /** What was checked, e.g. "ffmpeg" or "Radarr 4K". */
  name: string;
  status: CheckStatus;
  message: string;
  /** What to do about a warning or failure. */
  fix?: string;
};

export const ok = (name: string, message: string): CheckResult => ({ name, status: 'ok', message });
export const warn = (name: string, message: string, fix: string): CheckResult => ({ name, status: 'warn', message, fix });
export const fail = (name: string, message: string, fix: string): CheckResult => ({ name, status: 'fail', message, fix });

/** A check that throws is a failed check, never a crashed doctor. */
export async function guarded(name: string, fix: string, run: () => Promise<CheckResult | CheckResult[]>): Promise<CheckResult[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (err) {
    return [fail(name, err instanceof Error ? err.message : String(err), fix)];
  }
}
