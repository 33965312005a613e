// Runs one benchmark function in a fresh process (so its peak RSS is its own) and reports its
// result to the parent: node --import tsx bench/isolated.ts <name> '<options as JSON>'.
// The modules are loaded only when asked for, because some are written by other features and
// may not exist in every build.
import { reportToParent } from './child-process.ts';

const runners: Record<string, (options: Record<string, unknown>) => Promise<unknown>> = {
  'library-sync': async (options) => (await import('./library-sync.ts')).runLibrarySyncBench(options),
  'sync-baseline': async (options) => (await import('./sync-baseline.ts')).runSyncBaseline(options),
  pipeline: async () => (await import('./pipeline.ts')).runPipelineBench(),
  backfill: async (options) => (await import('./backfill.ts')).runBackfillBench(options),
};

const [name = '', options = '{}'] = process.argv.slice(2);
const runner = runners[name];
if (!runner) {
  console.error(`unknown benchmark "${name}"; known: ${Object.keys(runners).join(', ')}`);
  process.exit(2);
}
reportToParent(await runner(JSON.parse(options) as Record<string, unknown>));
// Pools and timers left by a benchmark must not keep the child alive after it reported.
process.exit(0);
