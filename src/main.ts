// Entry point. Deliberately imports nothing at the top: on an old Node the heavy modules below
// would fail with an obscure error before a clear message could be printed.
import { nodeVersionProblem } from './node-version.ts';

const problem = nodeVersionProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
await import('./cli.ts');
