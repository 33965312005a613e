// Which JavaScript runtimes yt-dlp can use for YouTube's challenges. yt-dlp enables only deno by
// default; node and bun must be named with `--js-runtimes`. The Node running this service always
// qualifies (yt-dlp needs Node 20+, the service itself needs 22.12+), so there is always one.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { JsRuntime } from './ytdlp-args.ts';

/** The first executable called `name` on PATH, found without a shell. */
export function findOnPath(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next folder.
    }
  }
  return undefined;
}

/** In yt-dlp's order of preference: deno, node, bun. */
export function detectJsRuntimes(searchPath: string = process.env.PATH ?? '', nodePath: string = process.execPath): JsRuntime[] {
  const found: JsRuntime[] = [];
  const deno = findOnPath('deno', searchPath);
  if (deno !== undefined) found.push({ name: 'deno', path: deno });
  found.push({ name: 'node', path: nodePath });
  const bun = findOnPath('bun', searchPath);
  if (bun !== undefined) found.push({ name: 'bun', path: bun });
  return found;
}
