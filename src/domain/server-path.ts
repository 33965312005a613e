// A path on this machine as a media server sees it. The server may run elsewhere (another
// container, a Windows box), so each media server has its own path mappings: `localPrefix` here,
// `remotePrefix` there. The longest covering local prefix wins, whole segments only; without one
// the path is the same on both sides. Pure string logic.
import type { PathMapping } from './path-mapping.ts';

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}

/** True when `prefix` (a local POSIX path) covers `path` segment by segment. */
function covers(prefix: string[], path: string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** The server's separator: `\` for `C:\…` and `\\server\share…` prefixes, else `/`. */
function separatorOf(remotePrefix: string): '/' | '\\' {
  return /^[A-Za-z]:[\\/]?/.test(remotePrefix) || remotePrefix.startsWith('\\\\') ? '\\' : '/';
}

/** `localPath` (absolute, POSIX) as the server sees it. */
export function toServerPath(localPath: string, mappings: readonly PathMapping[]): string {
  const pathSegments = segments(localPath);
  let best: { mapping: PathMapping; length: number } | undefined;
  for (const mapping of mappings) {
    const prefix = segments(mapping.localPrefix);
    if (covers(prefix, pathSegments) && (!best || prefix.length > best.length)) best = { mapping, length: prefix.length };
  }
  if (!best) return `/${pathSegments.join('/')}`;
  const separator = separatorOf(best.mapping.remotePrefix);
  const rest = pathSegments.slice(best.length);
  const base = best.mapping.remotePrefix.replace(/[\\/]+$/, '');
  return rest.length === 0 ? base || separator : `${base}${separator}${rest.join(separator)}`;
}

/** True when `inner` is `outer` or lies below it, in the server's own path style. */
export function serverPathWithin(inner: string, outer: string): boolean {
  const windows = separatorOf(outer) === '\\' || separatorOf(inner) === '\\';
  const split = (value: string) => value.split(windows ? /[\\/]+/ : /\/+/).filter((s) => s !== '');
  const a = split(inner);
  const b = split(outer);
  const same = (x: string, y: string) => (windows ? x.toLowerCase() === y.toLowerCase() : x === y);
  return b.length <= a.length && b.every((segment, i) => same(segment, a[i] ?? '')) && (inner.startsWith('/') === outer.startsWith('/'));
}
