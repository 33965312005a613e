// The rename and delete jobs move or remove only our own trailer, verified against its record
// (path, size, mtime). User files beside it stay byte for byte; folders are never removed; a
// vanished old folder is not an error; a trailer the user changed is theirs and stays.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../src/db/schema/index.ts';
import { type ClipServer } from '../support/clip-server.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  enqueueFetch,
  insertMovie,
  listFiles,
  mediaRow,
  trailerRows,
  waitForStatus,
  closePipelineWorld,
  openPipelineWorld,
} from './pipeline-fixture.ts';

let clips: ClipServer;
let svc: TestService;
let root: string;
let connectionId: number;

// A video of the user's that is no extra: a `-trailer` file of theirs would fill the trailer slot
// itself, and then no trailer of ours is fetched (test/inbox/import-user-extras.test.ts).
const USER_FILES: Record<string, string> = {
  'notes.txt': 'my notes',
  'poster.jpg': 'not really a jpeg',
  'Some Other (2019).mkv': 'a video the user put here',
};

beforeAll(async () => {
  ({ root, clips, svc, connectionId } = await openPipelineWorld('rename'));
});

afterAll(async () => {
  await closePipelineWorld({ svc, clips, root });
});

/** A movie with user files and our trailer in place. */
async function movieWithTrailer(name: string): Promise<{ mediaId: number; folder: string; trailerPath: string }> {
  const db = svc.deps.database.db;
  const folder = path.join(root, name);
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(USER_FILES)) await writeFile(path.join(folder, file), content);
  const mediaId = await insertMovie(db, { connectionId, folder, title: name });
  await enqueueFetch(svc, { mediaId, reason: 'import' });
  expect((await waitForStatus(db, mediaId, ['have', 'needs-attention'])).trailerStatus).toBe('have');
  return { mediaId, folder, trailerPath: path.join(folder, `${name}-trailer.mkv`) };
}

async function expectUserFilesIntact(folder: string): Promise<void> {
  for (const [file, content] of Object.entries(USER_FILES)) expect(await readFile(path.join(folder, file), 'utf8')).toBe(content);
}

async function presentTrailer(mediaId: number) {
  return (await trailerRows(svc.deps.database.db, mediaId)).find((row) => row.state === 'present');
}

describe('trailer-rename', () => {
  it('follows a renamed movie file and then a moved folder, touching nothing else', async () => {
    const db = svc.deps.database.db;
    const { mediaId, folder, trailerPath } = await movieWithTrailer('Rename Me (2020)');
    const original = await readFile(trailerPath);

    await rename(path.join(folder, 'Rename Me (2020).mkv'), path.join(folder, 'Rename Me (2020) Bluray.mkv'));
    await db.update(media).set({ movieFileRelativePath: 'Rename Me (2020) Bluray.mkv' }).where(eq(media.id, mediaId));
    await svc.boss.send('trailer-rename', { mediaId });
    const renamed = path.join(folder, 'Rename Me (2020) Bluray-trailer.mkv');
    await waitFor(async () => (await presentTrailer(mediaId))?.path === renamed, { what: 'the trailer row to follow the rename' });
    expect((await readFile(renamed)).equals(original)).toBe(true);
    expect(await listFiles(folder)).toEqual([...Object.keys(USER_FILES), 'Rename Me (2020) Bluray-trailer.mkv', 'Rename Me (2020) Bluray.mkv'].sort());
    await expectUserFilesIntact(folder);

    // Radarr moved the whole folder (our trailer went along) and renamed the file again.
    const moved = path.join(root, 'Renamed Again (2020)');
    await rename(folder, moved);
    await rename(path.join(moved, 'Rename Me (2020) Bluray.mkv'), path.join(moved, 'Renamed Again (2020).mkv'));
    await db.update(media).set({ folderPath: moved, movieFileRelativePath: 'Renamed Again (2020).mkv' }).where(eq(media.id, mediaId));
    await svc.boss.send('trailer-rename', { mediaId });
    const final = path.join(moved, 'Renamed Again (2020)-trailer.mkv');
    await waitFor(async () => (await presentTrailer(mediaId))?.path === final, { what: 'the trailer row to follow the move' });
    expect((await readFile(final)).equals(original)).toBe(true);
    await expectUserFilesIntact(moved);
  });

  it('treats a vanished old folder as nothing to move, and leaves a changed trailer alone', async () => {
    const db = svc.deps.database.db;
    const gone = await movieWithTrailer('Vanishing (2020)');
    await rm(gone.folder, { recursive: true });
    const newFolder = path.join(root, 'Vanished Elsewhere (2020)');
    await mkdir(newFolder);
    await db.update(media).set({ folderPath: newFolder }).where(eq(media.id, gone.mediaId));
    const job = await svc.boss.send('trailer-rename', { mediaId: gone.mediaId });
    await waitFor(async () => (await svc.boss.findJobs('trailer-rename', { id: job! }))[0]?.state === 'completed', { what: 'the rename job to complete' });
    expect((await trailerRows(db, gone.mediaId)).map((r) => r.state)).toEqual(['missing']);
    expect(await listFiles(newFolder)).toEqual([]);

    const changed = await movieWithTrailer('Changed (2020)');
    await appendFile(changed.trailerPath, 'edited by the user');
    const edited = await readFile(changed.trailerPath);
    await rename(path.join(changed.folder, 'Changed (2020).mkv'), path.join(changed.folder, 'Changed (2020) v2.mkv'));
    await db.update(media).set({ movieFileRelativePath: 'Changed (2020) v2.mkv' }).where(eq(media.id, changed.mediaId));
    await svc.boss.send('trailer-rename', { mediaId: changed.mediaId });
    await waitFor(async () => (await trailerRows(db, changed.mediaId))[0]?.state === 'removed', { what: 'the changed trailer to be disowned' });
    expect((await readFile(changed.trailerPath)).equals(edited)).toBe(true);
    expect(await listFiles(changed.folder)).not.toContain('Changed (2020) v2-trailer.mkv');
  });
});

describe('trailer-delete', () => {
  it('removes our trailer and the item, never the folder or the user files beside it', async () => {
    const db = svc.deps.database.db;
    const { mediaId, folder } = await movieWithTrailer('Delete Me (2020)');
    await svc.boss.send('trailer-delete', { mediaId, reason: 'media-deleted', deleteMediaAfter: true });
    await waitFor(async () => (await mediaRow(db, mediaId)) === undefined, { what: 'the media row to be deleted' });
    expect(await listFiles(folder)).toEqual([...Object.keys(USER_FILES), 'Delete Me (2020).mkv'].sort());
    await expectUserFilesIntact(folder);
  });

  it('keeps a trailer file the user replaced, and marks the item skipped on a user delete', async () => {
    const db = svc.deps.database.db;
    const { mediaId, folder, trailerPath } = await movieWithTrailer('Keep Mine (2020)');
    await writeFile(trailerPath, 'the user put their own trailer here');
    await svc.boss.send('trailer-delete', { mediaId, reason: 'user', deleteMediaAfter: false });
    await waitFor(async () => (await mediaRow(db, mediaId))?.trailerStatus === 'skipped', { what: 'the item to be skipped' });
    expect(await readFile(trailerPath, 'utf8')).toBe('the user put their own trailer here');
    expect((await trailerRows(db, mediaId)).map((r) => r.state)).toEqual(['removed']);
    expect((await mediaRow(db, mediaId))?.statusReason).toBe('trailer deleted by the user');
    await expectUserFilesIntact(folder);
  });
});
