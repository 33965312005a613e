// `npm run bench`: every benchmark, each beside its baseline, then the targets.
//   npm run bench                         all, full sizes
//   npm run bench -- --quick              shrunk sizes (a smoke run)
//   npm run bench -- --only ingest        one (repeat --only for more)
//   npm run bench -- --backends postgres  only this database backend where a bench has both
//   npm run bench -- --write-results      also rewrite bench/RESULTS.md
import { parseArgs } from 'node:util';
import type { BackfillBenchResult } from './backfill.ts';
import { BACKENDS, type Backend } from './bench-db.ts';
import { burstTable, runBurstBench } from './burst.ts';
import { runChild } from './child-process.ts';
import { idleMemoryTable, runIdleMemoryBench } from './idle-memory.ts';
import { importLatencyTable, runImportLatencyBench } from './import-latency.ts';
import { importTrailerTable, runImportTrailerBench } from './import-trailer.ts';
import { ingestTable, runIngestBench } from './ingest.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { PipelineBenchResult } from './pipeline.ts';
import { backfillTable, pipelineTable } from './pipeline-tables.ts';
import { writeResultsFile } from './results-file.ts';
import { runSyncComparison, syncTable } from './sync-comparison.ts';
import { runScaleOutBench, scaleOutTable } from './scale-out.ts';
import { renderText, type Table } from './table.ts';
import { checkTargets, targetsTable, type BenchResults } from './targets.ts';

type Context = { quick: boolean; backends: readonly Backend[]; results: BenchResults };

const BENCHES: Record<string, (ctx: Context) => Promise<Table>> = {
  ingest: async ({ quick, backends, results }) => ingestTable((results.ingest = await runIngestBench({ quick, backends }))),
  'import-latency': async ({ quick, backends, results }) =>
    importLatencyTable((results.importLatency = await runImportLatencyBench({ quick, backends }))),
  'import-trailer': async ({ quick, backends }) => importTrailerTable(await runImportTrailerBench({ quick, backends })),
  burst: async ({ quick, backends, results }) => burstTable((results.burst = await runBurstBench({ quick, backends }))),
  'library-sync': async ({ quick, backends, results }) => syncTable((results.librarySync = await runSyncComparison({ quick, backends }))),
  pipeline: async ({ results }) =>
    pipelineTable((results.pipeline = await runChild<PipelineBenchResult>('bench/isolated.ts', ['pipeline', '{}'], { timeoutMs: 20 * 60_000, asService: true }))),
  backfill: async ({ quick, results }) =>
    backfillTable((results.backfill = await runChild<BackfillBenchResult>('bench/isolated.ts', ['backfill', JSON.stringify({ quick })], { timeoutMs: 60 * 60_000, asService: true }))),
  'scale-out': async ({ quick }) => scaleOutTable(await runScaleOutBench({ quick })),
  'idle-memory': async ({ quick, backends, results }) => idleMemoryTable((results.idleMemory = await runIdleMemoryBench({ quick, backends }))),
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    backends: { type: 'string' },
    'write-results': { type: 'boolean', default: false },
  },
});

const names = values.only?.flatMap((name) => name.split(',')) ?? Object.keys(BENCHES);
const unknown = names.filter((name) => !(name in BENCHES));
const backends = (values.backends?.split(',') ?? BACKENDS) as Backend[];
const badBackend = backends.filter((backend) => !BACKENDS.includes(backend));
if (unknown.length > 0 || badBackend.length > 0) {
  console.error(
    unknown.length > 0
      ? `unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}; choose from: ${Object.keys(BENCHES).join(', ')}`
      : `unknown backend ${badBackend.join(', ')}; choose from: ${BACKENDS.join(', ')}`,
  );
  process.exit(2);
}

const before = describeMachine();
console.log(`machine: ${machineLine(before)}${values.quick ? '\nquick run: sizes shrunk' : ''}\n`);
const ctx: Context = { quick: values.quick, backends, results: {} };
const tables: Table[] = [];
let failures = 0;
for (const name of names) {
  const started = performance.now();
  let table: Table;
  try {
    table = await BENCHES[name]!(ctx);
  } catch (err) {
    failures += 1;
    // One benchmark failing must not hide the others' figures.
    table = { title: `${name}: FAILED`, headers: ['error'], rows: [[String(err instanceof Error ? err.message : err).slice(0, 2000)]], notes: [] };
  }
  table.notes.push(`(${name} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  tables.push(table);
  console.log(`${renderText(table)}\n`);
}

const targets = targetsTable(checkTargets(ctx.results), values.quick);
console.log(renderText(targets));
if (values['write-results']) {
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  writeResultsFile({ before, after: describeMachine(), quick: values.quick, command, targets, tables });
  console.log('\nwrote bench/RESULTS.md');
}
process.exit(failures > 0 ? 1 : 0);
