// The `trailer-rename` job: the Arr renamed or moved the item (its row already holds the new
// paths), so every file of ours follows: each present file goes to its slot's new name (its
// profile and season → slot-target.ts, the same naming the fetch used). A file whose profile was
// deleted keeps its name and only follows a folder move. Only our own files move, verified by
// size and mtime; never a folder, never anything recursive. When the Arr moved the whole folder
// our files went along: each is found under its old relative place in the new folder.
import { and, eq } from 'drizzle-orm';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import { readSettings } from '../db/settings-store.ts';
import { media, trailers, type MediaRow, type ProfileRow, type TrailerRow } from '../db/schema/index.ts';
import type { SlotTarget } from '../domain/slot-name.ts';
import { checkRealContainment, ensureFolderBelow } from '../files/containment.ts';
import { checkOwnedFile, fileIdentity, moveOwnedFile, type OwnedFileRecord } from '../files/owned-file.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { resolveMediaFolder } from '../library/media-folder.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailerMoved } from '../outbound/trailer-events.ts';
import { loadProfiles, targetForSlot, type SlotFolder } from './slot-target.ts';
import { loadProfile } from './trailer-profile.ts';

export type RenameResult = 'moved' | 'unchanged' | 'no-trailer' | 'vanished' | 'not-ours' | 'blocked';

type VideoContainer = 'mkv' | 'mp4' | 'webm';
const CONTAINERS = new Set<string>(['mkv', 'mp4', 'webm']);

/**
 * Where our file is now: its recorded path, or (after the Arr moved the folder) the same name at
 * the same place relative to the new folder (`x.mkv`, `Trailers/x.mkv`, `Season 01/Trailers/x.mkv`),
 * or in the folder its new name is in.
 */
async function locateOwnedFile(record: OwnedFileRecord, mediaFolder: string, targetFolder: string | undefined): Promise<OwnedFileRecord | 'changed' | undefined> {
  const state = await checkOwnedFile(record);
  if (state === 'match') return record;
  if (state !== 'missing') return 'changed';
  const parts = record.path.split('/').filter((part) => part !== '');
  const name = path.basename(record.path);
  const places = [0, 1, 2].map((depth) => path.join(mediaFolder, ...parts.slice(parts.length - 1 - depth, parts.length - 1), name));
  if (targetFolder !== undefined) places.unshift(path.join(targetFolder, name));
  for (const place of places) {
    const identity = await fileIdentity(place);
    if (identity !== undefined && identity.sizeBytes === record.sizeBytes && identity.mtimeMs === record.mtimeMs) return { ...record, path: place };
  }
  return undefined;
}

interface RenameContext {
  rt: PipelineRuntime;
  item: MediaRow;
  folder: SlotFolder & { roots: string[] };
  settings: Settings;
  profiles: ProfileRow[];
  mainProfileId: number;
}

/** The slot's new name, or undefined when the file keeps its own (profile deleted) or cannot be named now. */
async function newTarget(ctx: RenameContext, row: TrailerRow): Promise<SlotTarget | 'blocked' | undefined> {
  const profile = ctx.profiles.find((p) => p.id === row.profileId);
  if (profile === undefined) return undefined;
  const extension = path.extname(row.path).slice(1);
  const container = (CONTAINERS.has(extension) ? extension : 'mkv') as VideoContainer;
  const target = await targetForSlot({ ...ctx, media: ctx.item, profile, season: row.season, container });
  if (!target.ok) {
    ctx.rt.logger.warn({ mediaId: ctx.item.id, path: row.path, reason: target.reason }, 'file not renamed');
    return 'blocked';
  }
  return target.target;
}

async function renameOne(ctx: RenameContext, row: TrailerRow): Promise<RenameResult> {
  const { rt, item, folder } = ctx;
  const target = await newTarget(ctx, row);
  if (target === 'blocked') return 'blocked';
  const current = await locateOwnedFile(row, folder.localFolder, target?.folder);
  if (current === undefined) {
    // The old folder (and our file with it) is gone: nothing to move, and not an error.
    await rt.db.update(trailers).set({ state: 'missing', updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'vanished';
  }
  if (current === 'changed') {
    await rt.db.update(trailers).set({ state: 'removed', updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'not-ours';
  }
  if (target === undefined || current.path === target.path) {
    if (current.path !== row.path) await rt.db.update(trailers).set({ path: current.path, updatedAt: new Date() }).where(eq(trailers.id, row.id));
    return 'unchanged';
  }
  const from = await checkRealContainment(current.path, folder.roots);
  const made = await ensureFolderBelow(folder.localFolder, target.folder, folder.roots, rt.ownership);
  const occupied = await lstat(target.path).then(() => true, () => false);
  if (!from.ok || !made.ok || occupied) {
    const reason = !from.ok ? from.reason : !made.ok ? made.reason : `${target.path} already exists and is not ours`;
    rt.logger.warn({ mediaId: item.id, reason }, 'file not renamed');
    return 'blocked';
  }
  const identity = await moveOwnedFile(current, target.path);
  await rt.db
    .update(trailers)
    .set({ path: target.path, sizeBytes: identity.sizeBytes, mtimeMs: identity.mtimeMs, updatedAt: new Date() })
    .where(eq(trailers.id, row.id));
  rt.logger.info({ mediaId: item.id, from: current.path, to: target.path }, 'file renamed');
  await trailerMoved(rt, current.path, target.path);
  return 'moved';
}

const SEVERITY: readonly RenameResult[] = ['moved', 'blocked', 'not-ours', 'vanished', 'unchanged', 'no-trailer'];

/** Moves every present file of ours of the item; the result of each, in row order. */
export async function renameOwnedFiles(rt: PipelineRuntime, mediaId: number): Promise<Array<{ path: string; result: RenameResult }>> {
  const [item] = await rt.db.select().from(media).where(eq(media.id, mediaId));
  if (item === undefined) return [];
  const rows = await rt.db.select().from(trailers).where(and(eq(trailers.mediaId, item.id), eq(trailers.state, 'present'))).orderBy(trailers.id);
  if (rows.length === 0) return [];

  const folder = await resolveMediaFolder(rt.db, item);
  if (!folder.ok || !folder.exists) {
    const reason = folder.ok ? `the folder ${folder.localFolder} does not exist` : folder.reason;
    rt.logger.warn({ mediaId: item.id, reason }, 'files not renamed');
    return rows.map((row) => ({ path: row.path, result: 'blocked' }));
  }
  const settings = await readSettings(rt.db);
  const mainProfileId = await loadProfile(rt.db, settings).then((p) => p.row.id, () => 0);
  const ctx: RenameContext = { rt, item, folder, settings, profiles: await loadProfiles(rt.db), mainProfileId };
  const results: Array<{ path: string; result: RenameResult }> = [];
  for (const row of rows) results.push({ path: row.path, result: await renameOne(ctx, row) });
  return results;
}

/** The job: every file moved; the overall result is the most telling of the files' results. */
export async function runTrailerRename(rt: PipelineRuntime, jobData: unknown): Promise<RenameResult> {
  const data = jobPayloads['trailer-rename'].parse(jobData);
  const results = await renameOwnedFiles(rt, data.mediaId);
  if (results.length === 0) return 'no-trailer';
  return SEVERITY.find((result) => results.some((r) => r.result === result)) ?? 'unchanged';
}
