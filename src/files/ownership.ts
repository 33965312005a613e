// Owner, group and mode of what we write into media folders follow PUID/PGID/UMASK, like the
// linuxserver.io images Radarr and Sonarr run from, so the media server and the user can manage
// the files like their own.
import { chmod, chown, type FileHandle } from 'node:fs/promises';
import type { Env } from '../config/env.ts';

export interface FileOwnership {
  uid?: number | undefined;
  gid?: number | undefined;
  /** e.g. 0o022 */
  umask: number;
}

export function ownershipFromEnv(env: Pick<Env, 'PUID' | 'PGID' | 'UMASK'>): FileOwnership {
  return { uid: env.PUID, gid: env.PGID, umask: Number.parseInt(env.UMASK, 8) };
}

export function modeFor(kind: 'file' | 'dir', ownership: FileOwnership): number {
  return (kind === 'file' ? 0o666 : 0o777) & ~ownership.umask;
}

/** Why a chown was refused, for the log; the file is still usable, just owned by us. */
export class OwnershipWarning {
  constructor(readonly message: string) {}
}

async function changeOwner(
  run: (uid: number, gid: number) => Promise<void>,
  target: string,
  ownership: FileOwnership,
): Promise<OwnershipWarning | undefined> {
  if (ownership.uid === undefined && ownership.gid === undefined) return undefined;
  try {
    // -1 leaves that id as it is.
    await run(ownership.uid ?? -1, ownership.gid ?? -1);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EINVAL') throw error;
    return new OwnershipWarning(
      `could not give ${target} to uid ${ownership.uid ?? '-'} gid ${ownership.gid ?? '-'} (${code}): ` +
        `this process runs as uid ${process.getuid?.() ?? '?'}; run it as PUID/PGID or as root`,
    );
  }
}

/** Applies mode and owner to a path we just created (a folder, or a file by path). */
export async function applyOwnership(
  target: string,
  kind: 'file' | 'dir',
  ownership: FileOwnership,
): Promise<OwnershipWarning | undefined> {
  await chmod(target, modeFor(kind, ownership));
  return changeOwner((uid, gid) => chown(target, uid, gid), target, ownership);
}

/** The same through an open handle: no path lookup, so no symlink can be swapped in. */
export async function applyOwnershipToHandle(
  handle: FileHandle,
  shownPath: string,
  ownership: FileOwnership,
): Promise<OwnershipWarning | undefined> {
  await handle.chmod(modeFor('file', ownership));
  return changeOwner((uid, gid) => handle.chown(uid, gid), shownPath, ownership);
}
