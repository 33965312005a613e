// Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went: self time per
// function and per package, the first thing to look at when a benchmark misses its target.
//   npm exec -- tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileLine = { name: string; ms: number; share: number };
export type ProfileSummary = { totalMs: number; functions: ProfileLine[]; packages: ProfileLine[] };

/** Where a script lives, shortened to its package (or to `src/...` for our own code). */
function packageOf(url: string): string {
  if (url === '') return '(native/idle)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const src = url.indexOf('/src/');
  return src >= 0 ? url.slice(src + 1) : url;
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = packageOf(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    packages.set(where, (packages.get(where) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: totalMs > 0 ? ms / totalMs : 0 }));
  return { totalMs, functions: lines(functions), packages: lines(packages) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: bench/cpu-profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 25));
  const print = (title: string, lines: ProfileLine[]) => {
    console.log(`\n${title}`);
    for (const line of lines) console.log(`${line.ms.toFixed(0).padStart(8)} ms ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.name}`);
  };
  console.log(`profile: ${summary.totalMs.toFixed(0)} ms`);
  print('by package (self time)', summary.packages);
  print('by function (self time)', summary.functions);
}
