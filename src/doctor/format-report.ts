import type { CheckResult, CheckStatus } from './check-result.ts';

const LABELS: Record<CheckStatus, string> = { ok: '[ ok ]', warn: '[warn]', fail: '[FAIL]' };

/** One line per check, its fix indented below; then a one-line summary. */
export function formatReport(results: readonly CheckResult[]): string {
  const lines = results.flatMap((result) => [
    `${LABELS[result.status]} ${result.name}: ${result.message}`,
    ...(result.fix !== undefined && result.status !== 'ok' ? [`       fix: ${result.fix}`] : []),
  ]);
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  lines.push('', `${count('ok')} ok, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed`);
  return `${lines.join('\n')}\n`;
}
