// bench/RESULTS.md: the generated part (machine, targets, every table) is rewritten on each
// `--write-results` run; the hand-written "## Findings" section (causes found, fixes, limits)
// is carried over from the existing file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineLine, type Machine } from './machine.ts';
import { renderMarkdown, type Table } from './table.ts';

export const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const FINDINGS_HEADING = '## Findings';

export type ResultsRun = { before: Machine; after: Machine; quick: boolean; command: string; targets: Table; tables: Table[] };

export function writeResultsFile(run: ResultsRun, path = RESULTS_PATH): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const findings = findingsOf(previous) ?? `${FINDINGS_HEADING}\n\n(none written yet)`;
  const text = [
    '# Benchmark results',
    '',
    `<!-- Everything above the Findings heading is written by \`${run.command}\`; the findings are kept from run to run. -->`,
    '',
    `- Machine at start: ${machineLine(run.before)}`,
    `- Load average at end: ${run.after.loadAverage.map((value) => value.toFixed(1)).join(' / ')} (${run.after.date})`,
    `- Run: \`${run.command}\`${run.quick ? ' (quick: sizes shrunk)' : ''}; each service figure is printed beside its baseline from the same run.`,
    '',
    renderMarkdown(run.targets),
    '',
    '## Figures',
    '',
    ...run.tables.flatMap((table) => [renderMarkdown(table), '']),
    findings,
    '',
  ].join('\n');
  writeFileSync(path, text);
}

// The heading as a line of its own: the generated comment above once named it too, and
// matching that instead cut the findings' first lines away.
export function findingsOf(text: string): string | undefined {
  const match = /^## Findings[ \t]*$/m.exec(text);
  return match ? text.slice(match.index).trimEnd() : undefined;
}
