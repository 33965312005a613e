// The `trailer-rename` job: the Arr renamed or moved the item (its row already holds the new
// paths), so our trailer follows to the name that matches the new movie file. Only our own file
// moves, verified by size and mtime; never a folder, never anything recursive. When the Arr
// moved the whole folder our file went along: it is found at its old name in the new folder.
import { and, eq } from 'drizzle-orm';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { readSettings } from '../db/settings-store.ts';
import { media, trailers } from '../db/schema/index.ts';
import { trailerTarget, TRAILERS_FOLDER, type TrailerContainer } from '../domain/trailer-name.ts';
import { checkRealContainment, ensureFolderBelow } from '../files/containment.ts';
import { checkOwnedFile, fileIdentity, moveOwnedFile, type OwnedFileRecord } from '../files/owned-file.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { posixRelativePath, resolveMediaFolder } from '../library/media-folder.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailerMoved } from '../outbound/trailer-events.ts';

export type RenameResult = 'moved' | 'unchanged' | 'no-trailer' | 'vanished' | 'not-ours' | 'blocked';

const CONTAINERS = new Set<TrailerContainer>(['mkv', 'mp4', 'webm']);

/** Where our file is now: its recorded path, or (after the Arr moved the folder) the same name in the new folder. */
async function locateOwnedFile(record: OwnedFileRecord, newFolders: readonly string[]): Promise<OwnedFileRecord | 'changed' | undefined> {
  const state = await checkOwnedFile(record);
  if (state === 'match') return record;
  if (state !== 'missing') return 'changed';
  for (const folder of newFolders) {
    const moved = { ...record, path: path.join(folder, path.basename(record.path)) };
    const identity = await fileIdentity(moved.path);
    if (identity !== undefined && identity.sizeBytes === record.sizeBytes && identity.mtimeMs === record.mtimeMs) return moved;
  }
  return undefined;
}

export async function runTrailerRename(rt: PipelineRuntime, jobData: unknown): Promise<RenameResult> {
  const data = jobPayloads['trailer-rename'].parse(jobData);
  const [item] = await rt.db.select().from(media).where(eq(media.id, data.mediaId));
  if (item === undefined) return 'no-trailer';
  const [row] = await rt.db.select().from(trailers).where(and(eq(trailers.mediaId, item.id), eq(trailers.state, 'present')));
  if (row === undefined) return 'no-trailer';

  const folder = await resolveMediaFolder(rt.db, item);
  if (!folder.ok || !folder.exists) {
    const reason = folder.ok ? `the folder ${folder.localFolder} does not exist` : folder.reason;
    rt.logger.warn({ mediaId: item.id, reason }, 'trailer not renamed');
    return 'blocked';
  }
  const settings = await readSettings(rt.db);
  const extension = path.extname(row.path).slice(1) as TrailerContainer;
  const target = trailerTarget({
    kind: item.kind,
    mediaFolder: folder.localFolder,
    movieFileRelativePath: item.kind === 'movie' ? posixRelativePath(item.movieFileRelativePath, folder.style) : undefined,
    layout: settings.trailerLayout,
    container: CONTAINERS.has(extension) ? extension : 'mkv',
    title: item.title,
    year: item.year ?? undefined,
  });
  if (!target.ok) {
    rt.logger.warn({ mediaId: item.id, reason: target.reason }, 'trailer not renamed');
    return 'blocked';
  }

  const current = await locateOwnedFile(row, [target.target.folder, folder.localFolder, path.join(folder.localFolder, TRAILERS_FOLDER)]);
  if (current === undefined) {
    // The old folder (and our file with it) is gone: nothing to move, and not an error.
    await rt.db.update(trailers).set({ state: 'missing', updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'vanished';
  }
  if (current === 'changed') {
    await rt.db.update(trailers).set({ state: 'removed', updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'not-ours';
  }
  if (current.path === target.target.path) {
    if (current.path !== row.path) await rt.db.update(trailers).set({ path: current.path, updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'unchanged';
  }
  const from = await checkRealContainment(current.path, folder.roots);
  const made = await ensureFolderBelow(folder.localFolder, target.target.folder, folder.roots, rt.ownership);
  const occupied = await lstat(target.target.path).then(() => true, () => false);
  if (!from.ok || !made.ok || occupied) {
    const reason = !from.ok ? from.reason : !made.ok ? made.reason : `${target.target.path} already exists and is not ours`;
    rt.logger.warn({ mediaId: item.id, reason }, 'trailer not renamed');
    return 'blocked';
  }
  const identity = await moveOwnedFile(current, target.target.path);
  await rt.db
    .update(trailers)
    .set({ path: target.target.path, sizeBytes: identity.sizeBytes, mtimeMs: identity.mtimeMs, updatedAt: new Date() })
    .where(eq(trailers.id, row.id));
  rt.logger.info({ mediaId: item.id, from: current.path, to: target.target.path }, 'trailer renamed');
  await trailerMoved(rt, current.path, target.target.path);
  return 'moved';
}
