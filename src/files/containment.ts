// Symlink-safe containment: a path is inside a media root only if its REAL location (every
// symlink resolved) is inside the root's real location. The string checks in
// domain/path-mapping.ts cannot see a folder inside a root that is a link pointing out of it.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { applyOwnership, type FileOwnership } from './ownership.ts';

export type ContainmentResult = { ok: true; realPath: string } | { ok: false; reason: string };

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/** `root` itself does not count: nothing is ever written directly as a root. */
export function isStrictlyInside(child: string, root: string): boolean {
  if (root === '/') return child !== '/';
  return child.startsWith(`${root}/`);
}

/**
 * The real path of `target`: realpath of its nearest existing ancestor, with the parts that do
 * not exist yet appended unchanged (they cannot be links, since they do not exist).
 */
export async function realpathOfNearest(target: string): Promise<string> {
  let current = path.resolve(target);
  const missing: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch (error) {
      const parent = path.dirname(current);
      if (!MISSING.has((error as NodeJS.ErrnoException).code ?? '') || parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** Real paths of the roots that exist; a root that is not mounted contains nothing. */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const real: string[] = [];
  for (const root of roots) {
    try {
      real.push(await realpath(root));
    } catch {
      // Not there (yet): nothing can be inside it.
    }
  }
  return real;
}

/** Whether `target` (which may not exist yet) really lies inside one of `roots`. */
export async function checkRealContainment(target: string, roots: readonly string[]): Promise<ContainmentResult> {
  if (roots.length === 0) return { ok: false, reason: `no media root is configured for ${target}` };
  let real: string;
  try {
    real = await realpathOfNearest(target);
  } catch (error) {
    return { ok: false, reason: `cannot resolve ${target}: ${(error as Error).message}` };
  }
  const existing = await realRoots(roots);
  if (existing.some((root) => isStrictlyInside(real, root))) return { ok: true, realPath: real };
  const shown = real === path.resolve(target) ? '' : ` (really ${real})`;
  return { ok: false, reason: `${target}${shown} is not inside a media root (${roots.join(', ')})` };
}

/**
 * Creates `folder` and any missing parents below `base` (which must exist), each inside the
 * roots, with the configured owner and mode. Never creates `base` itself: a media folder that is
 * not there is the Arr's business, not ours.
 */
export async function ensureFolderBelow(
  base: string,
  folder: string,
  roots: readonly string[],
  ownership: FileOwnership,
): Promise<ContainmentResult> {
  const relative = path.relative(base, folder);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, reason: `${folder} is not below the media folder ${base}` };
  }
  const baseCheck = await checkRealContainment(base, roots);
  if (!baseCheck.ok) return baseCheck;
  let current = base;
  for (const part of relative === '' ? [] : relative.split(path.sep)) {
    current = path.join(current, part);
    const stats = await lstat(current).catch(() => undefined);
    if (stats === undefined) {
      await mkdir(current);
      await applyOwnership(current, 'dir', ownership);
    } else if (!stats.isDirectory()) {
      return { ok: false, reason: `${current} exists and is not a folder` };
    }
  }
  return checkRealContainment(folder, roots);
}
