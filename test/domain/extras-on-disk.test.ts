import { describe, expect, it } from 'vitest';
import {
  existingSeasonFolder,
  externalExtrasBySlot,
  extraDiskSlots,
  extraFolderNames,
  MAIN_DISK_SLOT,
  slotsSharingFiles,
  type DiskSlot,
  type ItemOnDisk,
} from '../../src/domain/extras-on-disk.ts';
import type { SlotProfile } from '../../src/domain/slot-plan.ts';

const MAIN: DiskSlot = { key: 'main', kind: 'trailer', season: null };
const FEATURETTE: DiskSlot = { key: 'featurette', kind: 'featurette', season: null };
const THEME: DiskSlot = { key: 'theme', kind: 'theme-music', season: null };
const TEASER: DiskSlot = { key: 'teaser', kind: 'teaser', season: null };
const BTS: DiskSlot = { key: 'bts', kind: 'behind-the-scenes', season: null };
const CLIP: DiskSlot = { key: 'clip', kind: 'clip', season: null };
const INTERVIEW: DiskSlot = { key: 'interview', kind: 'interview', season: null };
const season = (n: number, kind: DiskSlot['kind'] = 'trailer'): DiskSlot => ({ key: `s${n}-${kind}`, kind, season: n });

const movie = (files: string[], movieFileRelativePath = 'Heat (1995).mkv'): ItemOnDisk => ({
  kind: 'movie',
  movieFileRelativePath,
  subfolders: [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))],
  files,
});
const series = (files: string[], subfolders?: string[]): ItemOnDisk => ({
  kind: 'series',
  subfolders: subfolders ?? [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))],
  files,
});
const found = (item: ItemOnDisk, slots: DiskSlot[]) => Object.fromEntries(externalExtrasBySlot(item, slots));

describe('externalExtrasBySlot: a movie', () => {
  it('folder style (Plex, Jellyfin, Emby): a video directly in the kind folder fills that kind', () => {
    const item = movie(['Featurettes/Making of.mkv', 'Behind The Scenes/On set.mp4', 'Scenes/Car chase.mkv', 'Interviews/Al Pacino.mkv', 'Trailers/Heat.mkv']);
    expect(found(item, [MAIN, FEATURETTE, BTS, CLIP, INTERVIEW])).toEqual({
      main: 'Trailers/Heat.mkv',
      featurette: 'Featurettes/Making of.mkv',
      bts: 'Behind The Scenes/On set.mp4',
      clip: 'Scenes/Car chase.mkv',
      interview: 'Interviews/Al Pacino.mkv',
    });
  });

  it('suffix style (Plex, Jellyfin, Emby; Kodi for -trailer): the name ending beside the movie', () => {
    const item = movie(['Heat (1995)-featurette.mkv', 'Heat (1995)-behindthescenes.mkv', 'Heat (1995)-scene.mkv', 'Heat (1995)-interview.mkv', 'Heat (1995)-trailer.mkv']);
    expect(found(item, [MAIN, FEATURETTE, BTS, CLIP, INTERVIEW])).toEqual({
      main: 'Heat (1995)-trailer.mkv',
      featurette: 'Heat (1995)-featurette.mkv',
      bts: 'Heat (1995)-behindthescenes.mkv',
      clip: 'Heat (1995)-scene.mkv',
      interview: 'Heat (1995)-interview.mkv',
    });
  });

  it("Jellyfin's Clips/ folder and -clip ending count as a clip; folder names match in any case", () => {
    expect(found(movie(['clips/x.mkv']), [CLIP])).toEqual({ clip: 'clips/x.mkv' });
    expect(found(movie(['Heat-clip.mp4']), [CLIP])).toEqual({ clip: 'Heat-clip.mp4' });
    expect(found(movie(['FEATURETTES/x.webm']), [FEATURETTE])).toEqual({ featurette: 'FEATURETTES/x.webm' });
  });

  it("beside a movie file in its own sub-folder, in both styles", () => {
    const item = movie(['Disc/Heat-featurette.mkv', 'Disc/Featurettes/Inside.mkv'], 'Disc/Heat.mkv');
    expect(found(item, [FEATURETTE, { ...FEATURETTE, key: 'second' }])).toEqual({ featurette: 'Disc/Featurettes/Inside.mkv', second: 'Disc/Heat-featurette.mkv' });
  });

  it('never a file of another kind, a non-video, a hidden file, or one two folders down', () => {
    const item = movie(['Heat-trailer.mkv', 'Featurettes/poster.jpg', 'Featurettes/.partial.mkv', 'Featurettes/Sub/x.mkv', 'Extras/Heat-interview.mkv', 'Heat-featurette.srt']);
    expect(found(item, [FEATURETTE, INTERVIEW])).toEqual({});
  });

  it('theme music: theme.<audio> at the top, or audio in theme-music/ (Jellyfin, Emby); never beside a movie in a sub-folder', () => {
    expect(found(movie(['theme.mp3']), [THEME])).toEqual({ theme: 'theme.mp3' });
    expect(found(movie(['theme-music/Main Title.flac']), [THEME])).toEqual({ theme: 'theme-music/Main Title.flac' });
    expect(found(movie(['Disc/theme.mp3', 'theme.mkv'], 'Disc/Heat.mkv'), [THEME])).toEqual({});
  });

  it('one file fills one slot: two profiles of one kind and a single file', () => {
    expect(found(movie(['Featurettes/Making of.mkv']), [FEATURETTE, { ...FEATURETTE, key: 'de' }])).toEqual({ featurette: 'Featurettes/Making of.mkv' });
  });

  it('a teaser goes to the teaser slot, the plain trailer to the trailer slot, whatever the name order', () => {
    const item = movie(['Trailers/A Teaser.mkv', 'Trailers/B Official.mkv']);
    expect(found(item, [MAIN, TEASER])).toEqual({ main: 'Trailers/B Official.mkv', teaser: 'Trailers/A Teaser.mkv' });
    // Only a teaser on disk: the teaser slot has it, the main trailer is still wanted.
    expect(found(movie(['Heat (Teaser)-trailer.mkv']), [MAIN, TEASER])).toEqual({ teaser: 'Heat (Teaser)-trailer.mkv' });
    // No teaser slot: a teaser is still the item's trailer, as before slots.
    expect(found(movie(['Heat (Teaser)-trailer.mkv']), [MAIN])).toEqual({ main: 'Heat (Teaser)-trailer.mkv' });
  });
});

describe('externalExtrasBySlot: a series', () => {
  it("the series folder: Kodi's tvshow-trailer, Trailers/, Featurettes/ (Emby reads only these folders), theme.mp3 (Plex)", () => {
    const item = series(['tvshow-trailer.mkv', 'Featurettes/Pilot.mkv', 'theme.mp3', 'Season 01/S01E01.mkv']);
    expect(found(item, [MAIN, FEATURETTE, THEME])).toEqual({ main: 'tvshow-trailer.mkv', featurette: 'Featurettes/Pilot.mkv', theme: 'theme.mp3' });
  });

  it('a season: its season folder in both styles (Jellyfin, Plex), whatever the folder is called', () => {
    const item = series(['Season 01/season01-trailer.mkv', 'S02/Trailers/Teaser.mkv', 'season 3/Featurettes/x.mkv', 'Season 01/S01E01.mkv']);
    expect(found(item, [season(1), season(2), season(3, 'featurette')])).toEqual({
      's1-trailer': 'Season 01/season01-trailer.mkv',
      's2-trailer': 'S02/Trailers/Teaser.mkv',
      's3-featurette': 'season 3/Featurettes/x.mkv',
    });
  });

  it("a season's file never fills the whole series' slot, nor another season's, and the other way round", () => {
    const item = series(['Season 01/season01-trailer.mkv', 'Season 02/Trailers/x.mkv', 'tvshow-trailer.mkv']);
    expect(found(item, [season(3)])).toEqual({});
    expect(found(series(['Season 01/season01-trailer.mkv', 'Season 01/Trailers/x.mkv']), [MAIN])).toEqual({});
    expect(found(series(['tvshow-trailer.mkv', 'Trailers/x.mkv'], ['Trailers', 'Season 01']), [season(1)])).toEqual({});
  });

  it('theme music in a season folder is nobody\'s', () => {
    expect(found(series(['Season 01/theme.mp3']), [THEME, season(1, 'theme-music')])).toEqual({});
  });

  it('an episode in the season folder whose title says "trailer" is not an extra', () => {
    expect(found(series(['Season 01/Show - S01E02 - The Trailer Park.mkv']), [season(1)])).toEqual({});
  });
});

describe('helpers', () => {
  it('extraFolderNames: the folders of the kinds asked for, lower case', () => {
    expect([...extraFolderNames(['teaser', 'clip', 'theme-music'])].sort()).toEqual(['clips', 'scenes', 'theme-music', 'trailers']);
  });

  it('existingSeasonFolder: the folder seasonFolderName picks, only when it exists', () => {
    expect(existingSeasonFolder(1, ['S01', 'Season 1'])).toBe('Season 1');
    expect(existingSeasonFolder(2, ['Season 1'])).toBeUndefined();
    expect(existingSeasonFolder(0, ['Specials'])).toBe('Specials');
    expect(existingSeasonFolder(-1, ['Season -1'])).toBeUndefined();
  });
});

describe('slotsSharingFiles: the slots one slot competes with for a file', () => {
  const GERMAN: DiskSlot = { key: 'german', kind: 'trailer', season: null };
  const all = [MAIN_DISK_SLOT, FEATURETTE, THEME, TEASER, GERMAN, season(1), season(1, 'featurette'), season(2)];

  it('trailers and teasers of the same scope share, in the given order; every other kind and season stands alone', () => {
    expect(slotsSharingFiles(MAIN_DISK_SLOT, all).map((s) => s.key)).toEqual(['main', 'teaser', 'german']);
    expect(slotsSharingFiles(TEASER, all).map((s) => s.key)).toEqual(['main', 'teaser', 'german']);
    expect(slotsSharingFiles(FEATURETTE, all)).toEqual([FEATURETTE]);
    expect(slotsSharingFiles(THEME, all)).toEqual([THEME]);
    expect(slotsSharingFiles(season(1), all)).toEqual([season(1)]);
  });

  it('a slot missing from the list is looked at first', () => {
    expect(slotsSharingFiles(GERMAN, [FEATURETTE, MAIN_DISK_SLOT]).map((s) => s.key)).toEqual(['german', 'main']);
  });

  it('gives the slot the same file as the whole set would', () => {
    const item = movie(['Heat (1995)-trailer.mkv', 'Trailers/Teaser one.mkv', 'Featurettes/Making of.mkv', 'theme.mp3']);
    const everything = found(item, all);
    for (const slot of all) expect(found(item, slotsSharingFiles(slot, all))[slot.key]).toBe(everything[slot.key]);
  });
});

describe('extraDiskSlots', () => {
  const profile = (id: number, kind: SlotProfile['kind'], scope: SlotProfile['scope'] = 'item'): SlotProfile => ({
    id,
    kind,
    scope,
    enabled: true,
    appliesTo: { mediaKinds: [], connectionIds: [], tags: [] },
  });

  it("an item's slots besides the main trailer, with their profile's kind, keyed by profile and season", () => {
    const item = { kind: 'series' as const, connectionId: 1, tags: [], seasons: [{ number: 1, monitored: true }] };
    const profiles = [profile(1, 'trailer'), profile(2, 'theme-music'), profile(3, 'trailer', 'season')];
    expect(extraDiskSlots(item, profiles, 1)).toEqual([
      { key: '2:', kind: 'theme-music', season: null, profileId: 2 },
      { key: '3:1', kind: 'trailer', season: 1, profileId: 3 },
    ]);
  });
});
