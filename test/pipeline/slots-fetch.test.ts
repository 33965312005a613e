// Several files per item (issue #19), end to end with real yt-dlp and ffmpeg against the clip
// server: a movie's trailer and featurette (suffix and folder style), a series' trailer, season-1
// trailer and theme music, a subtitled second trailer, and slots that must end without a download.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { trailerProfiles, trailers } from '../../src/db/schema/index.ts';
import { readSettings, writeSettings } from '../../src/db/settings-store.ts';
import { THEME_MUSIC_TARGET_LUFS } from '../../src/media-tools/theme-audio-args.ts';
import { loadProfile } from '../../src/pipeline/trailer-profile.ts';
import { makeClip } from '../support/make-clip.ts';
import { waitFor } from '../support/wait-for.ts';
import { mkdir } from 'node:fs/promises';
import {
  attemptRows,
  closePipelineWorld,
  enqueueFetch,
  ffmpeg,
  insertMovie,
  listFiles,
  mediaRow,
  openPipelineWorld,
  trailerRows,
  waitForStatus,
  type PipelineWorld,
} from './pipeline-fixture.ts';
import { insertProfile, kindSearch, queueSlot, SEARCH_IDS, setItemFacts, slotRow, streamsOf, waitForSlot } from './slot-fixture.ts';

let world: PipelineWorld;
let db: Db;
const searches: string[] = [];
let mainId: number;
let featuretteId: number;
let seasonTrailerId: number;
let themeId: number;
let subtitledId: number;

beforeAll(async () => {
  world = await openPipelineWorld('slots', {
    pipeline: { search: kindSearch(searches) },
    // Theme music needs a source of at least 10 s: a 20 s clip with a steady tone.
    prepareClips: async (clips) => clips.behave(SEARCH_IDS.theme, { kind: 'clip', file: await makeClip({ seconds: 20, width: 160, height: 90 }) }),
  });
  db = world.svc.deps.database.db;
  mainId = (await loadProfile(db, await readSettings(db))).row.id;
  featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: [] } });
  seasonTrailerId = await insertProfile(db, { name: 'Season trailers', kind: 'trailer', scope: 'season', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
  themeId = await insertProfile(db, { name: 'Theme', kind: 'theme-music', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
  subtitledId = await insertProfile(db, {
    name: 'Subtitled',
    kind: 'trailer',
    subtitles: { languages: ['en', 'es'], automatic: false },
    appliesTo: { mediaKinds: [], connectionIds: [], tags: ['subs'] },
  });
}, 120_000);

afterAll(async () => {
  await closePipelineWorld(world);
});

async function movieWithTrailerAndFeaturette(name: string): Promise<{ mediaId: number; folder: string }> {
  const folder = path.join(world.root, `${name} (2020)`);
  const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: name, year: 2020 });
  // Both slots queued at once: two jobs of one item run side by side, neither is "busy" for the other.
  await enqueueFetch(world.svc, { mediaId, reason: 'import' });
  expect(await queueSlot(db, world.svc.boss, { mediaId, profileId: featuretteId })).toBe(true);
  expect((await waitForStatus(db, mediaId, ['have', 'needs-attention'])).trailerStatus).toBe('have');
  const slot = await waitForSlot(db, { mediaId, profileId: featuretteId }, ['have', 'needs-attention']);
  expect(slot.status, slot.statusReason ?? '').toBe('have');
  return { mediaId, folder };
}

async function expectVideo(file: string): Promise<void> {
  const probe = await ffmpeg.probe(file);
  expect(probe.video?.codec).toBe('h264');
  expect(probe.audio).toBeDefined();
}

describe('extra slots', () => {
  it('a movie gets its trailer and its featurette beside the movie file (suffix style), both ours', async () => {
    const { mediaId, folder } = await movieWithTrailerAndFeaturette('Slot Movie');
    const files = (await listFiles(folder)).filter((file) => !file.endsWith('Slot Movie (2020).mkv'));
    expect(files).toEqual(['Slot Movie (2020)-featurette.mkv', 'Slot Movie (2020)-trailer.mkv']);
    for (const file of files) await expectVideo(path.join(folder, file));
    const rows = (await trailerRows(db, mediaId)).filter((row) => row.state === 'present');
    expect(rows.map((row) => [row.profileId, row.season, path.basename(row.path)]).sort()).toEqual(
      [
        [featuretteId, null, 'Slot Movie (2020)-featurette.mkv'],
        [mainId, null, 'Slot Movie (2020)-trailer.mkv'],
      ].sort(),
    );
    // The featurette was searched as one; its attempts carry its slot.
    expect(searches).toContain('Slot Movie 2020 featurette');
    const attempts = await attemptRows(db, mediaId);
    expect(new Set(attempts.map((a) => a.profileId))).toEqual(new Set([mainId, featuretteId]));
    expect(attempts.every((a) => a.outcome === 'succeeded')).toBe(true);
  });

  it('folder style puts each kind in its extras folder', async () => {
    await writeSettings(db, { trailerLayout: 'trailers-folder' });
    try {
      const { folder } = await movieWithTrailerAndFeaturette('Slot Folder');
      const files = (await listFiles(folder)).filter((file) => !file.endsWith('Slot Folder (2020).mkv'));
      expect(files).toEqual(['Featurettes/Slot Folder (2020)-featurette.mkv', 'Trailers/Slot Folder (2020)-trailer.mkv']);
      for (const file of files) await expectVideo(path.join(folder, file));
    } finally {
      await writeSettings(db, { trailerLayout: 'beside' });
    }
  });

  it('a series gets its trailer, a season-1 trailer in its season folder and theme.mp3; a season without a folder waits', async () => {
    const folder = path.join(world.root, 'Slotted Show');
    const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, kind: 'series', title: 'Slotted Show', year: 2019, movieFile: null });
    await mkdir(path.join(folder, 'Season 01'));
    await setItemFacts(db, mediaId, { seasons: [{ number: 1, monitored: true }, { number: 2, monitored: true }] });
    await enqueueFetch(world.svc, { mediaId, reason: 'import' });
    for (const slot of [{ profileId: seasonTrailerId, season: 1 }, { profileId: seasonTrailerId, season: 2 }, { profileId: themeId }]) {
      expect(await queueSlot(db, world.svc.boss, { mediaId, ...slot })).toBe(true);
    }
    expect((await waitForStatus(db, mediaId, ['have', 'needs-attention'])).trailerStatus).toBe('have');
    const season1 = await waitForSlot(db, { mediaId, profileId: seasonTrailerId, season: 1 }, ['have', 'needs-attention']);
    expect(season1.status, season1.statusReason ?? '').toBe('have');
    const season2 = await waitForSlot(db, { mediaId, profileId: seasonTrailerId, season: 2 }, ['missing', 'needs-attention']);
    expect(season2.statusReason).toBe('the season folder Season 02 does not exist (yet)');
    const theme = await waitForSlot(db, { mediaId, profileId: themeId }, ['have', 'needs-attention']);
    expect(theme.status, theme.statusReason ?? '').toBe('have');

    expect(await listFiles(folder)).toEqual(['Season 01/season01-trailer.mkv', 'theme.mp3', 'tvshow-trailer.mkv']);
    await expectVideo(path.join(folder, 'tvshow-trailer.mkv'));
    await expectVideo(path.join(folder, 'Season 01/season01-trailer.mkv'));
    expect(searches).toContain('Slotted Show season 1 trailer');

    const themeFile = path.join(folder, 'theme.mp3');
    const streams = await streamsOf(themeFile);
    expect(streams.map((s) => [s.codec_type, s.codec_name])).toEqual([['audio', 'mp3']]);
    const probe = await ffmpeg.probe(themeFile);
    expect(probe.durationSeconds).toBeGreaterThanOrEqual(10);
    expect(probe.durationSeconds).toBeLessThanOrEqual(180);
    const loudness = await ffmpeg.probeLoudness(themeFile);
    expect(Math.abs(loudness.integratedLufs - THEME_MUSIC_TARGET_LUFS)).toBeLessThanOrEqual(1);
  });

  it('a second trailer profile with subtitles gets its own labelled file with the subtitle stream; a missing language is a note', async () => {
    const folder = path.join(world.root, 'Subbed (2020)');
    const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: 'Subbed', year: 2020 });
    await setItemFacts(db, mediaId, { tags: ['subs'] });
    const page = world.clips.subtitledPageUrl('subclip01', ['en']);
    await enqueueFetch(world.svc, { mediaId, reason: 'user', profileId: subtitledId, videoId: page });
    const slot = await waitForSlot(db, { mediaId, profileId: subtitledId }, ['have', 'needs-attention']);
    expect(slot.status, slot.statusReason ?? '').toBe('have');
    expect(slot.statusReason).toBe('no subtitles in es');
    const file = path.join(folder, 'Subbed (2020) (Subtitled)-trailer.mkv');
    const streams = await streamsOf(file);
    expect(streams.filter((s) => s.codec_type === 'subtitle').map((s) => s.tags?.language)).toEqual(['eng']);
    // Only this slot's file: the main trailer's state is untouched.
    expect((await trailerRows(db, mediaId)).map((row) => row.profileId)).toEqual([subtitledId]);
    expect((await mediaRow(db, mediaId))?.trailerStatus).toBe('queued');
  });

  it('a second present file for one slot is refused by the database', async () => {
    const folder = path.join(world.root, 'Unique (2020)');
    const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: 'Unique', year: 2020 });
    const row = { mediaId, profileId: featuretteId, sizeBytes: 1, mtimeMs: 1, sourceUrl: 'http://127.0.0.1/x', state: 'present' as const };
    await db.insert(trailers).values({ ...row, path: path.join(folder, 'a-featurette.mkv') });
    await expect(db.insert(trailers).values({ ...row, path: path.join(folder, 'b-featurette.mkv') })).rejects.toThrow();
    // Another slot of the same item is a different slot.
    await db.insert(trailers).values({ ...row, profileId: mainId, path: path.join(folder, 'c-trailer.mkv') });
  });

  it('a switched-off or no longer applying profile ends its queued slot without a search or download, and prunes its row', async () => {
    const folder = path.join(world.root, 'Skipped (2020)');
    const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: 'Skipped', year: 2020 });
    const interviews = await insertProfile(db, { name: 'Interviews', kind: 'interview' });
    const tagged = await insertProfile(db, { name: 'Tagged clips', kind: 'clip' });
    const searchesBefore = searches.length;
    await db.transaction(async (tx) => {
      // Switched off (and re-tagged) after the slots were queued, before their jobs ran.
      expect(await queueSlot(tx, world.svc.boss, { mediaId, profileId: interviews })).toBe(true);
      expect(await queueSlot(tx, world.svc.boss, { mediaId, profileId: tagged })).toBe(true);
      await tx.update(trailerProfiles).set({ enabled: false }).where(eq(trailerProfiles.id, interviews));
      await tx.update(trailerProfiles).set({ appliesTo: { mediaKinds: [], connectionIds: [], tags: ['nope'] } }).where(eq(trailerProfiles.id, tagged));
    });
    // The slots are no longer planned: their rows go (none holds a file of ours), so the library
    // does not count them as missing.
    await waitFor(async () => (await slotRow(db, { mediaId, profileId: interviews })) === undefined && (await slotRow(db, { mediaId, profileId: tagged })) === undefined, {
      timeoutMs: 90_000,
      what: 'the skipped slots to be pruned',
    });
    expect(searches.length).toBe(searchesBefore);
    expect(await attemptRows(db, mediaId)).toEqual([]);
    expect((await slotRow(db, { mediaId, profileId: featuretteId }))).toBeUndefined();
  });
});
