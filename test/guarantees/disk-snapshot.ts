// A listing of everything under a folder (path, kind, size, mtime, symlink target), to prove a test
// left a media root exactly as it found it.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export type DiskEntry = { path: string; kind: 'file' | 'dir' | 'link' | 'other'; size: number; mtimeMs: number; target?: string };

export function snapshotTree(root: string): DiskEntry[] {
  const entries: DiskEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const info = lstatSync(full);
      const path = relative(root, full);
      if (info.isSymbolicLink()) entries.push({ path, kind: 'link', size: 0, mtimeMs: info.mtimeMs, target: readlinkSync(full) });
      else if (info.isDirectory()) {
        entries.push({ path, kind: 'dir', size: 0, mtimeMs: info.mtimeMs });
        walk(full);
      } else entries.push({ path, kind: info.isFile() ? 'file' : 'other', size: info.size, mtimeMs: info.mtimeMs });
    }
  };
  walk(root);
  return entries;
}
