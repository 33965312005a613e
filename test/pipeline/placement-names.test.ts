// Placement with hostile names, through the whole pipeline: NFD Unicode stays NFD, a 250-byte
// movie name gives a trailer name cut to 255 bytes on a UTF-8 boundary, shell metacharacters are
// just bytes, the Trailers/ layout and series naming, and a folder that is a symlink out of the
// media root is refused with nothing written outside.
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSettings } from '../../src/db/settings-store.ts';
import { type ClipServer } from '../support/clip-server.ts';
import type { TestService } from '../support/test-service.ts';
import {
  enqueueFetch,
  ffmpeg,
  insertMovie,
  listFiles,
  makeMediaRoot,
  removeMediaRoot,
  trailerRows,
  waitForStatus,
  closePipelineWorld,
  openPipelineWorld,
} from './pipeline-fixture.ts';

let clips: ClipServer;
let svc: TestService;
let root: string;
let outside: string;
let connectionId: number;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

beforeAll(async () => {
  outside = await makeMediaRoot('outside');
  ({ root, clips, svc, connectionId } = await openPipelineWorld('names'));
});

afterAll(async () => {
  await closePipelineWorld({ svc, clips, root });
  await removeMediaRoot(outside);
});

async function fetchFor(folder: string, extra: Partial<Parameters<typeof insertMovie>[1]> = {}) {
  const db = svc.deps.database.db;
  const mediaId = await insertMovie(db, { connectionId, folder, ...extra });
  await enqueueFetch(svc, { mediaId, reason: 'import' });
  return { mediaId, row: await waitForStatus(db, mediaId, ['have', 'needs-attention', 'external', 'missing']) };
}

describe('trailer placement names', () => {
  it('keeps an NFD folder and file name byte for byte (no Unicode normalisation)', async () => {
    const nfd = 'Ame\u0301lie (2001)';
    expect(nfd.normalize('NFC')).not.toBe(nfd);
    const folder = path.join(root, nfd);
    const { mediaId, row } = await fetchFor(folder, { title: 'Amélie', year: 2001 });
    expect(row.trailerStatus).toBe('have');
    const names = await readdir(folder);
    expect(names).toContain(`${nfd}-trailer.mkv`);
    expect(names).not.toContain(`${nfd.normalize('NFC')}-trailer.mkv`);
    const [trailer] = await trailerRows(svc.deps.database.db, mediaId);
    expect(trailer?.path).toBe(path.join(folder, `${nfd}-trailer.mkv`));
    expect((await ffmpeg.probe(trailer!.path)).video?.codec).toBe('h264');
  });

  it('cuts a trailer name from a 250-byte movie file name to 255 bytes on a UTF-8 boundary', async () => {
    const stem = `xx${'日'.repeat(81)}y`;
    const movieFile = `${stem}.mkv`;
    expect(bytes(movieFile)).toBe(250);
    const folder = path.join(root, 'Long Name (2019)');
    const { row } = await fetchFor(folder, { movieFile });
    expect(row.trailerStatus).toBe('have');
    const trailerName = (await readdir(folder)).find((name) => name.endsWith('-trailer.mkv'));
    expect(trailerName).toBe(`xx${'日'.repeat(80)}-trailer.mkv`);
    expect(bytes(trailerName!)).toBeLessThanOrEqual(255);
    expect(Buffer.from(trailerName!, 'utf8').toString('utf8')).toBe(trailerName);
    expect(await listFiles(folder)).toEqual([movieFile, trailerName].sort());
  });

  it('treats shell metacharacters in paths as plain bytes', async () => {
    const hostile = 'Bad $(touch PWNED) `touch PWNED2`; rm -rf x & "q" \'s\' |p| (2020)';
    const folder = path.join(root, hostile);
    const { mediaId, row } = await fetchFor(folder, { title: 'Bad' });
    expect(row.trailerStatus).toBe('have');
    expect(await readdir(folder)).toContain(`${hostile}-trailer.mkv`);
    const [trailer] = await trailerRows(svc.deps.database.db, mediaId);
    expect((await stat(trailer!.path)).size).toBeGreaterThan(1000);
    for (const dir of [root, folder, process.cwd(), svc.database.dataDir]) {
      expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
      expect(existsSync(path.join(dir, 'PWNED2'))).toBe(false);
    }
  });

  it('writes into a Trailers/ folder when that layout is set, and tvshow-trailer for a series', async () => {
    const db = svc.deps.database.db;
    await writeSettings(db, { trailerLayout: 'trailers-folder' });
    try {
      const folder = path.join(root, 'Layout Movie (2018)');
      const { row } = await fetchFor(folder, { title: 'Layout: Movie', year: 2018 });
      expect(row.trailerStatus).toBe('have');
      expect(await listFiles(folder)).toEqual(['Layout Movie (2018).mkv', 'Trailers/Layout - Movie (2018)-trailer.mkv']);
      expect((await stat(path.join(folder, 'Trailers'))).mode & 0o777).toBe(0o755);
    } finally {
      await writeSettings(db, { trailerLayout: 'beside' });
    }
    const series = path.join(root, 'Some Show');
    const { row: seriesRow } = await fetchFor(series, { kind: 'series', movieFile: null, title: 'Some Show' });
    expect(seriesRow.trailerStatus).toBe('have');
    expect(await listFiles(series)).toEqual(['tvshow-trailer.mkv']);
  });

  it('names the trailer after the folder when the movie has no file yet', async () => {
    const folder = path.join(root, 'No File Yet (2024)');
    const { row } = await fetchFor(folder, { movieFile: null });
    expect(row.trailerStatus).toBe('have');
    expect(await listFiles(folder)).toEqual(['No File Yet (2024)-trailer.mkv']);
  });

  it('refuses a media folder that is a symlink pointing out of the root, writing nothing', async () => {
    const target = path.join(outside, 'Elsewhere (2020)');
    await mkdir(target);
    const link = path.join(root, 'Linked (2020)');
    await symlink(target, link);
    const db = svc.deps.database.db;
    const mediaId = await insertMovie(db, { connectionId, folder: link, movieFile: null });
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'external', 'missing']);
    expect(row.trailerStatus).toBe('needs-attention');
    expect(row.statusReason).toContain('not inside a media root');
    expect(await listFiles(outside)).toEqual([]);
    expect(await trailerRows(db, mediaId)).toEqual([]);
  });
});
