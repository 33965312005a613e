import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Machine } from '../../bench/machine.ts';
import { writeResultsFile } from '../../bench/results-file.ts';

const machine: Machine = { cores: 2, cpu: 'test cpu', memoryGb: 24, node: 'v24.0.0', loadAverage: [0.1, 0.2, 0.3], date: '2026-11-25T00:00:00Z' };
const run = { before: machine, after: machine, quick: true, command: 'npm run bench -- --quick', targets: { title: 'Targets', headers: ['target'], rows: [['x']], notes: [] }, tables: [] };

describe('bench/RESULTS.md writer', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps the hand-written findings whole across two runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    dirs.push(dir);
    const path = join(dir, 'RESULTS.md');
    writeResultsFile(run, path);
    const first = readFileSync(path, 'utf8');
    const findings = '## Findings\n\nConditions: a quiet machine.\n\n### Ingest\n\n- Cause: CPU.';
    const edited = first.replace(/^## Findings[\s\S]*$/m, `${findings}\n`);
    writeFileSync(path, edited);
    writeResultsFile(run, path);
    writeResultsFile(run, path);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith(`${findings}\n`)).toBe(true);
    expect(text.match(/^## Findings$/gm)).toHaveLength(1);
    expect(text.match(/^- Machine at start:/gm)).toHaveLength(1);
  });
});
