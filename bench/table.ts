// One shape for every benchmark's printed output: a titled table plus notes, rendered aligned for
// the terminal and as Markdown for RESULTS.md.
export type Table = {
  title: string;
  headers: string[];
  rows: string[][];
  /** Conditions and caveats printed under the table (which workers ran, what the baseline is). */
  notes: string[];
};

export function renderText(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [
    `== ${table.title}`,
    line(table.headers),
    line(widths.map((width) => '-'.repeat(width))),
    ...table.rows.map(line),
    ...table.notes.map((note) => `   ${note}`),
  ].join('\n');
}

export function renderMarkdown(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `### ${table.title}`,
    '',
    `| ${table.headers.map(escapeCell).join(' | ')} |`,
    `| ${table.headers.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
    ...table.notes.map((note) => `- ${note}`),
  ].join('\n');
}

/** Fixed-precision number for a table cell. */
export function num(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** `a / b` as "×1.23" (what the service costs relative to its baseline). */
export function ratio(value: number, baseline: number): string {
  return baseline > 0 && Number.isFinite(value) ? `×${(value / baseline).toFixed(2)}` : 'n/a';
}
