// Payloads real libraries and careless relays produce: decomposed Unicode and emoji in paths,
// shell metacharacters, long titles, explicit nulls, unknown keys, Windows and UNC paths with and
// without a mapping, and a delete that names the root folder itself.
import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { media } from '../../src/db/schema/index.ts';
import { createPipelineRuntime } from '../../src/pipeline/pipeline-runtime.ts';
import { runTrailerDelete } from '../../src/pipeline/trailer-delete.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import {
  openWebhookWorld,
  addConnection,
  clearLibraryRows,
  eventRow,
  fixture,
  jobsWith,
  mediaRows,
  processEvent,
  recordTrailer,
  send,
  type Library,
} from './webhook-test-kit.ts';

/** Every file and folder under `dir` with size and mtime: equal snapshots mean nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const info = statSync(path);
      out[path] = entry.isDirectory() ? 'dir' : `${info.size}:${info.mtimeMs}`;
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out;
}

describe(`hostile webhook payloads (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;

  beforeAll(async () => {
    ({ svc, library } = await openWebhookWorld('none', ['radarr']));
    await addConnection(svc, { name: 'Windows', kind: 'radarr', pathMappings: [{ remotePrefix: 'C:\\Movies', localPrefix: library.movies }] });
    await addConnection(svc, { name: 'Share', kind: 'radarr', pathMappings: [{ remotePrefix: '\\\\nas\\media\\movies', localPrefix: library.movies }] });
    await addConnection(svc, { name: 'Unmapped', kind: 'radarr', rootFolders: [{ path: library.movies, localPath: library.movies, accessible: true }] });
  });
  afterAll(async () => {
    await svc?.stop();
    library?.remove();
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
  });

  /** A Download of `folder` (an Arr path) with the file `fileName` inside it, separator `sep`. */
  const downloadOf = (folder: string, fileName: string, title = 'Arrival', sep = '/') => {
    const body = fixture('radarr', 'webhook-download');
    body.movie.title = title;
    body.movie.folderPath = folder;
    body.movieFile.relativePath = fileName;
    body.movieFile.path = `${folder}${sep}${fileName}`;
    return body;
  };
  const deliver = async (body: unknown, connection = 'Radarr') => {
    const reply = await send(svc, 'radarr', body, { query: `?connection=${encodeURIComponent(connection)}` });
    expect(reply.status).toBe(202);
    const { eventId } = JSON.parse(reply.text) as { eventId: number };
    const result = await processEvent(svc, eventId).catch((err: Error) => ({ state: 'deferred', summary: err.message }));
    return { event: await eventRow(svc, eventId), result };
  };
  const expectFetchQueued = async (folderPath: string) => {
    const rows = await mediaRows(svc);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.folderPath).toBe(folderPath);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: rows[0]!.id })).toHaveLength(1);
    return rows[0]!;
  };

  it('NFD and emoji paths are kept byte for byte, never normalised', async () => {
    const nfd = 'Ame\u0301lie (2001)';
    expect(nfd.normalize('NFC')).not.toBe(nfd);
    mkdirSync(join(library.movies, nfd));
    const { event } = await deliver(downloadOf(`/movies/${nfd}`, `${nfd} Bluray-1080p.mkv`, 'Ame\u0301lie'));
    expect(event.state).toBe('processed');
    const row = await expectFetchQueued(`/movies/${nfd}`);
    expect(row.title).toBe('Ame\u0301lie');
    expect(row.movieFileRelativePath).toBe(`${nfd} Bluray-1080p.mkv`);
    expect(JSON.parse(event.rawBody).movie.folderPath).toBe(`/movies/${nfd}`);

    // The same name composed (NFC) is another folder: only that one exists, so the NFD item waits.
    await clearLibraryRows(svc);
    mkdirSync(join(library.movies, 'Zoë (2020)'.normalize('NFC')));
    const nfdZoe = 'Zoë (2020)'.normalize('NFD');
    const waiting = await deliver(downloadOf(`/movies/${nfdZoe}`, 'Zoë.mkv'.normalize('NFD')));
    expect(waiting.result?.state).toBe('deferred');
    expect(waiting.event.summary).toContain('does not exist yet');

    await clearLibraryRows(svc);
    const emoji = '🎬 The Premiere 🍿 (2024)';
    mkdirSync(join(library.movies, emoji));
    expect((await deliver(downloadOf(`/movies/${emoji}`, `${emoji}.mkv`, '🎬 The Premiere 🍿'))).event.state).toBe('processed');
    await expectFetchQueued(`/movies/${emoji}`);
  });

  it('quotes, brackets, $(), backticks and ; in paths are plain data', async () => {
    const name = `Bobby "Tables" 'Drop'; $(touch PWNED) \`touch PWNED2\` [x] {y} & | > <z> (2020)`;
    mkdirSync(join(library.movies, name));
    const { event } = await deliver(downloadOf(`/movies/${name}`, `${name}.mkv`, name));
    expect(event.state).toBe('processed');
    const row = await expectFetchQueued(`/movies/${name}`);
    expect(row.title).toBe(name);
    // Had any of it reached a shell, a file named PWNED would exist in the working directory.
    const names = [...Object.keys(snapshot(library.dir)).map((path) => basename(path)), ...readdirSync(process.cwd())];
    expect(names.filter((entry) => entry === 'PWNED' || entry === 'PWNED2')).toEqual([]);
  });

  it('a 250-byte title is stored whole', async () => {
    const title = 'é'.repeat(125);
    expect(Buffer.byteLength(title)).toBe(250);
    const { event } = await deliver(downloadOf('/movies/Arrival (2016)', 'Arrival.mkv', title));
    expect(event.state).toBe('processed');
    expect((await mediaRows(svc))[0]?.title).toBe(title);
  });

  it('explicit nulls are read as absent and unknown keys are ignored', async () => {
    const body = fixture('radarr', 'webhook-download');
    Object.assign(body.movie, { imdbId: null, year: null, overview: null, images: null, tags: null, brandNewField: { nested: [1, null] } });
    Object.assign(body.movieFile, { mediaInfo: null, languages: null, sceneName: null, hdr10PlusProfile: 'x' });
    Object.assign(body, { release: null, customFormatInfo: null, deletedFiles: null, downloadClient: null, futureTopLevel: [{ a: 1 }] });
    const { event } = await deliver(body);
    expect(event.state).toBe('processed');
    expect(JSON.parse(event.rawBody).futureTopLevel).toEqual([{ a: 1 }]);
    const [row] = await mediaRows(svc);
    expect(row).toMatchObject({ title: 'Arrival', year: null, imdbId: null, tmdbId: 329871, movieFileRelativePath: 'Arrival (2016) Bluray-1080p.mkv' });
  });

  it('a Windows path with no mapping is skipped with the mapping to add; no C:\\ folder appears', async () => {
    const { event } = await deliver(downloadOf('C:\\Movies\\Arrival (2016)', 'Arrival (2016).mkv', 'Arrival', '\\'), 'Unmapped');
    expect(event.state).toBe('failed');
    expect(event.summary).toBe('skipped: folder C:\\Movies\\Arrival (2016) has no path mapping; add one for C:\\Movies; check the path mappings of "Unmapped"');
    expect(await mediaRows(svc)).toEqual([]);
    const stray = [library.dir, process.cwd()].flatMap((dir) => readdirSync(dir).filter((name) => /^[A-Za-z]:/.test(name) || name.includes('\\')));
    expect(stray).toEqual([]);
  });

  it('a Windows path with a mapping lands in the mapped folder (drive letter case ignored)', async () => {
    const folder = 'c:\\movies\\Arrival (2016)';
    const { event } = await deliver(downloadOf(folder, 'Arrival (2016).mkv', 'Arrival', '\\'), 'Windows');
    expect(event.state).toBe('processed');
    await expectFetchQueued(folder);
  });

  it('a UNC path without a mapping is skipped; with one it lands in the mapped folder', async () => {
    const unc = '\\\\nas\\media\\movies\\Arrival (2016)';
    const unmapped = await deliver(downloadOf(unc, 'Arrival (2016).mkv', 'Arrival', '\\'), 'Unmapped');
    expect(unmapped.event.state).toBe('failed');
    expect(unmapped.event.summary).toBe(
      'skipped: folder \\\\nas\\media\\movies\\Arrival (2016) has no path mapping; add one for \\\\nas\\media; check the path mappings of "Unmapped"',
    );
    const mapped = await deliver(downloadOf(unc, 'Season 1\\Arrival (2016).mkv', 'Arrival', '\\'), 'Share');
    expect(mapped.event.state).toBe('processed');
    await expectFetchQueued(unc);
  });

  it.each([
    ['a .. in the folder', '/movies/../../etc', 'Arrival.mkv', /contains a '\.\.' segment/],
    ['a .. in the movie file', '/movies/Arrival (2016)', '../../../etc/passwd', /movie file: relative path "\.\.\/\.\.\/\.\.\/etc\/passwd" contains a '\.\.' segment/],
    ['a relative folder', 'movies/Arrival (2016)', 'Arrival.mkv', /is not an absolute path/],
    ['an unmapped POSIX folder outside the roots', '/etc/Arrival (2016)', 'Arrival.mkv', /is not inside any configured media root/],
  ])('%s is skipped with the reason', async (_label, folder, file, reason) => {
    const { event } = await deliver(downloadOf(folder, file));
    expect(event.state).toBe('failed');
    expect(event.summary).toMatch(reason);
    expect(await mediaRows(svc)).toEqual([]);
  });

  it('an unknown event type with a NUL and 5000 characters is kept and logged, not refused', async () => {
    const eventType = `Teleport\u0000${'x'.repeat(5000)}`;
    const reply = await send(svc, 'radarr', { eventType, instanceName: 'Radarr\u0000', movie: { id: 'not checked' } });
    expect(reply.status).toBe(200);
    const { eventId, state } = JSON.parse(reply.text) as { eventId: number; state: string };
    expect(state).toBe('ignored');
    const event = await eventRow(svc, eventId);
    expect(event.eventType).toBe(`Teleport\uFFFD${'x'.repeat(190)}…`);
    expect(event.instanceName).toBe('Radarr\uFFFD');
    expect(JSON.parse(event.rawBody).eventType).toBe(eventType);
  });

  it('a movie folder that is a symlink out of the root is skipped', async () => {
    const outside = join(library.dir, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(library.movies, 'Linked (2020)'));
    const { event } = await deliver(downloadOf('/movies/Linked (2020)', 'Linked.mkv'));
    expect(event.state).toBe('failed');
    expect(event.summary).toMatch(/^skipped: .*Linked \(2020\)/);
    expect(await mediaRows(svc)).toEqual([]);
  });

  it('ids beyond what Radarr can send are skipped, not retried forever', async () => {
    const body = fixture('radarr', 'webhook-download');
    body.movie.id = 2 ** 40;
    const { event } = await deliver(body);
    expect(event).toMatchObject({ state: 'failed', summary: expect.stringContaining('id 1099511627776 is outside the range') });
  });

  it('a MovieDelete whose folder is the root itself removes no file and no folder of anyone else', async () => {
    const root = library.movies;
    writeFileSync(join(root, 'Arrival (2016)', 'Arrival (2016) Bluray-1080p.mkv'), 'the movie');
    writeFileSync(join(root, 'Arrival (2016)', 'Arrival (2016) Bluray-1080p-trailer.mkv'), "the user's own trailer");
    writeFileSync(join(root, 'notes.txt'), 'user notes');
    mkdirSync(join(root, 'Blade Runner 2049 (2017)', 'Extras'), { recursive: true });
    writeFileSync(join(root, 'Blade Runner 2049 (2017)', 'Extras', 'interview.mkv'), 'extra');
    // A misfiled movie whose folder is the root, with a trailer file we recorded as ours.
    writeFileSync(join(root, 'Misfiled-trailer.mkv'), 'our trailer');
    const [row] = await svc.deps.database.db
      .insert(media)
      .values({ connectionId: (await mediaConnection()).id, kind: 'movie', arrId: 77, title: 'Misfiled', folderPath: '/movies' })
      .returning();
    await recordTrailer(svc, row!.id, join(root, 'Misfiled-trailer.mkv'));
    const before = snapshot(library.dir);

    const body = fixture('radarr', 'webhook-movie-delete-with-files');
    body.movie.id = 77;
    body.movie.title = 'Misfiled';
    body.movie.folderPath = '/movies';
    const { event } = await deliver(body);
    expect(event.summary).toBe('"Misfiled" deleted with its files: removal of our trailer queued, then of the record');
    expect(snapshot(library.dir)).toEqual(before);
    // All the delete job gets is the media id: it can only reach files recorded as ours.
    const jobs = await jobsWith(svc, 'trailer-delete', { mediaId: row!.id });
    expect(jobs.map((job) => job.data)).toEqual([{ mediaId: row!.id, reason: 'media-deleted', deleteMediaAfter: true }]);
    // The pipeline's job then removes exactly our file, and the record.
    const deleted = await runTrailerDelete(createPipelineRuntime(svc.deps), jobs[0]!.data);
    expect(deleted).toEqual({ removed: [join(root, 'Misfiled-trailer.mkv')], kept: [], mediaDeleted: true });
    const { [join(root, 'Misfiled-trailer.mkv')]: _ours, ...theirs } = before;
    expect(snapshot(library.dir)).toEqual(theirs);
    expect(await mediaRows(svc)).toEqual([]);
    writeFileSync(join(root, 'Misfiled-trailer.mkv'), 'our trailer');
    const again = snapshot(library.dir);

    // Keeping files: the record goes, every file stays, ours included.
    await clearLibraryRows(svc);
    const [kept] = await svc.deps.database.db
      .insert(media)
      .values({ connectionId: (await mediaConnection()).id, kind: 'movie', arrId: 77, title: 'Misfiled', folderPath: '/movies' })
      .returning();
    await recordTrailer(svc, kept!.id, join(root, 'Misfiled-trailer.mkv'));
    const keep = fixture('radarr', 'webhook-movie-delete-keep-files');
    keep.movie.id = 77;
    keep.movie.folderPath = '/movies';
    expect((await deliver(keep)).event.state).toBe('processed');
    expect(await mediaRows(svc)).toEqual([]);
    expect(snapshot(library.dir)).toEqual(again);
  });

  async function mediaConnection() {
    const rows = await svc.deps.database.db.query.connections.findMany();
    const radarr = rows.find((connection) => connection.name === 'Radarr');
    if (!radarr) throw new Error('no Radarr connection');
    return radarr;
  }
});
