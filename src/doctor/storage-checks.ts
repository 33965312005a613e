// The data folder (writable, free space) and the media roots trailers are written into
// (each exists and is writable by the user trailers are written as: PUID/PGID when set).
import { randomBytes } from 'node:crypto';
import { access, constants, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../config/env.ts';
import { mayWrite } from '../domain/write-permission.ts';
import { formatBytes, freeBytes } from '../media-tools/disk-space.ts';
import { fail, ok, warn, type CheckResult } from './check-result.ts';

const LOW_SPACE_BYTES = 1024 ** 3;
const NO_SPACE_BYTES = 100 * 1024 ** 2;

export async function checkDataFolder(env: Pick<Env, 'DATA_DIR'>): Promise<CheckResult> {
  const dir = path.resolve(env.DATA_DIR);
  const probe = path.join(dir, `.doctor-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (err) {
    return fail('Data folder', `${dir} is not writable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, `Create ${dir} and give it to the user Previewarr runs as (in the container: PUID/PGID own /config).`);
  }
  const free = await freeBytes(dir);
  if (free < NO_SPACE_BYTES) return fail('Data folder', `${dir}: only ${formatBytes(free)} free`, 'Free some space: downloads are staged here before they are converted.');
  if (free < LOW_SPACE_BYTES) return warn('Data folder', `${dir}: ${formatBytes(free)} free`, 'Free some space: downloads are staged here before they are converted.');
  return ok('Data folder', `${dir} is writable, ${formatBytes(free)} free`);
}

/** The user trailers are written as: PUID/PGID when set, else this process. */
function writer(env: Pick<Env, 'PUID' | 'PGID'>): { uid: number; gid: number; label: string } {
  const uid = env.PUID ?? process.getuid?.() ?? 0;
  const gid = env.PGID ?? process.getgid?.() ?? 0;
  return { uid, gid, label: env.PUID !== undefined ? `PUID ${uid}/PGID ${gid}` : `user ${uid}` };
}

export async function checkMediaRoot(name: string, arrPath: string, localPath: string | null, env: Pick<Env, 'PUID' | 'PGID'>): Promise<CheckResult> {
  const label = `${name}: ${arrPath}`;
  if (localPath === null) return warn(label, 'not visible on this machine', `Mount it at the same path as in the Arr, or add a path mapping to the connection "${name}".`);
  const where = localPath === arrPath ? 'the folder' : `its mapped folder ${localPath}`;
  let folder;
  try {
    folder = await stat(localPath);
  } catch {
    return fail(label, `${where} does not exist here`, 'Mount the media folder into Previewarr, or correct the path mapping.');
  }
  if (!folder.isDirectory()) return fail(label, `${where} is not a folder`, 'Correct the path mapping.');
  const who = writer(env);
  const sameUser = who.uid === process.getuid?.() && who.gid === process.getgid?.();
  const writable = sameUser ? await access(localPath, constants.W_OK | constants.X_OK).then(() => true, () => false) : mayWrite(folder, who);
  if (!writable) return fail(label, `${where} is not writable as ${who.label}`, `Give ${who.label} write access to it (or set PUID/PGID to the owner of your media).`);
  return ok(label, `${where} is writable as ${who.label}`);
}
