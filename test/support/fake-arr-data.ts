// Data for the fake Radarr/Sonarr servers and for webhook tests: the shared fixtures
// (test/fixtures/arr) and deterministic generators
// for large libraries in the exact v3 API shape.
//
//   arrFixture('radarr', 'webhook-download')      parsed JSON of radarr/webhook-download.json
//   arrFixtureText('sonarr', 'api-series')         the file's text, byte for byte
//   webhookFixtureNames('sonarr')                   ['webhook-application-update', ...]
//   generateMovies(10_000, { rootFolder: '/movies', seed: 7 })   MovieResource-shaped objects
//   generateSeries(500, { rootFolder: '/tv' })                    SeriesResource-shaped objects
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ArrApp = 'radarr' | 'sonarr';

/** A JSON object as the *arr writes it; `any` fields so tests can read and mutate payloads freely. */
export type JsonObject = { [key: string]: any };

/** The payloads copied into this repository (see its README); nothing is read from outside it. */
export const ARR_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/arr/', import.meta.url));

export function arrFixtureText(app: ArrApp, name: string): string {
  return readFileSync(join(ARR_FIXTURES_DIR, app, `${name}.json`), 'utf8');
}

export function arrFixture<T = JsonObject>(app: ArrApp, name: string): T {
  return JSON.parse(arrFixtureText(app, name)) as T;
}

export function webhookFixtureNames(app: ArrApp): string[] {
  return readdirSync(join(ARR_FIXTURES_DIR, app))
    .filter((file) => file.startsWith('webhook-') && file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

// Deterministic PRNG (mulberry32) so a seed always yields the same library.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = ['Silent', 'Last', 'Crimson', 'Hidden', 'Broken', 'Electric', 'Northern', 'Endless', 'Golden', 'Hollow', 'Savage', 'Quiet'];
const NOUNS = ['River', 'Protocol', 'Horizon', 'Garden', 'Kingdom', 'Signal', 'Harbor', 'Empire', 'Winter', 'Machine', 'Orchard', 'Frontier'];
// Titles whose bytes matter: accents, CJK, Cyrillic, Arabic, emoji, and characters Radarr rewrites in folder names.
const UNICODE_TITLES = [
  'Amélie', 'Crouching Tiger, Hidden Dragon', '千と千尋の神隠し', 'Сталкер', 'Léon: The Professional', 'Das Boot',
  '기생충', 'La Haine', 'Wadjda وجدة', 'Ðoàn Kết', 'Łódź Nights', 'Who Framed Roger Rabbit?', 'Mission: Impossible',
  'AC/DC: Let There Be Rock', 'Æon Flux', 'Señora Acero', '🎬 The Premiere', 'Ōkami', 'Smörgåsbord', 'Ça tourne',
];
const ROMAN = ['', '', '', ' II', ' 2', ' III', ': Part Two'];
const QUALITIES = ['Bluray-1080p', 'WEBDL-1080p', 'Remux-2160p', 'WEBDL-2160p', 'Bluray-720p', 'DVD'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function titleFor(next: () => number): string {
  const roll = next();
  if (roll < 0.3) return pick(next, UNICODE_TITLES) + pick(next, ROMAN);
  if (roll < 0.6) return `The ${pick(next, ADJECTIVES)} ${pick(next, NOUNS)}${pick(next, ROMAN)}`;
  if (roll < 0.8) return `${pick(next, NOUNS)} of the ${pick(next, NOUNS)}`;
  return `${pick(next, NOUNS)}: ${pick(next, ADJECTIVES)} ${pick(next, NOUNS)}`;
}

/** Radarr/Sonarr default folder naming: colons become " -", characters illegal on Windows go. */
export function arrFolderName(title: string, year: number): string {
  const clean = title.replace(/:/g, ' -').replace(/\//g, '+').replace(/[?*"<>|]/g, '').replace(/\s+/g, ' ').trim();
  return `${clean} (${year})`;
}

function trailerIdFor(next: () => number): string | undefined {
  const roll = next();
  if (roll < 0.1) return undefined;
  if (roll < 0.15) return '';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length: 11 }, () => pick(next, [...alphabet])).join('');
}

export type GenerateOptions = { rootFolder?: string; startId?: number; seed?: number };

/** `count` movies shaped like GET /api/v3/movie items; ~10% without a file, ~15% without a trailer id. */
export function generateMovies(count: number, options: GenerateOptions = {}): JsonObject[] {
  const { rootFolder = '/movies', startId = 1000, seed = 1 } = options;
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const id = startId + index;
    const title = titleFor(next);
    const year = 1950 + Math.floor(next() * 76);
    const path = `${rootFolder}/${arrFolderName(title, year)}`;
    const hasFile = next() >= 0.1;
    const quality = pick(next, QUALITIES);
    const relativePath = `${arrFolderName(title, year)} ${quality}.mkv`;
    const youTubeTrailerId = trailerIdFor(next);
    const tmdbId = 10_000 + id * 7;
    return {
      title,
      originalTitle: title,
      originalLanguage: { id: 1, name: 'English' },
      alternateTitles: next() < 0.3 ? [{ sourceType: 'tmdb', movieMetadataId: id, title: `${title} (alt)`, id: id * 3 }] : [],
      secondaryYearSourceId: 0,
      sortTitle: title.toLowerCase(),
      sizeOnDisk: hasFile ? 8_000_000_000 + id : 0,
      status: 'released',
      overview: `Generated movie number ${id}.`,
      images: [{ coverType: 'poster', url: `/MediaCover/${id}/poster.jpg`, remoteUrl: `https://image.tmdb.org/t/p/original/${id}.jpg` }],
      year,
      ...(youTubeTrailerId === undefined ? {} : { youTubeTrailerId }),
      path,
      qualityProfileId: 1,
      hasFile,
      movieFileId: hasFile ? id * 10 : 0,
      monitored: next() >= 0.05,
      minimumAvailability: 'released',
      isAvailable: true,
      folderName: path,
      runtime: 90 + Math.floor(next() * 60),
      cleanTitle: title.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
      imdbId: `tt${String(1_000_000 + id)}`,
      tmdbId,
      titleSlug: String(tmdbId),
      rootFolderPath: rootFolder,
      genres: ['Drama'],
      keywords: [],
      tags: [],
      added: '2024-02-11T19:03:27Z',
      ratings: { tmdb: { votes: 100, value: 7.1, type: 'user' } },
      ...(hasFile
        ? {
            movieFile: {
              movieId: id,
              relativePath,
              path: `${path}/${relativePath}`,
              size: 8_000_000_000 + id,
              dateAdded: '2025-11-09T21:14:09Z',
              languages: [{ id: 1, name: 'English' }],
              quality: { quality: { id: 7, name: quality, source: 'bluray', resolution: 1080, modifier: 'none' }, revision: { version: 1, real: 0, isRepack: false } },
              indexerFlags: 0,
              qualityCutoffNotMet: false,
              id: id * 10,
            },
          }
        : {}),
      popularity: next() * 50,
      statistics: { movieFileCount: hasFile ? 1 : 0, sizeOnDisk: hasFile ? 8_000_000_000 + id : 0, releaseGroups: [] },
      id,
    };
  });
}

/** `count` series shaped like GET /api/v3/series items; ~20% without any episode file. */
export function generateSeries(count: number, options: GenerateOptions = {}): JsonObject[] {
  const { rootFolder = '/tv', startId = 1000, seed = 1 } = options;
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const id = startId + index;
    const title = titleFor(next);
    const year = 1960 + Math.floor(next() * 66);
    const episodeFileCount = next() < 0.2 ? 0 : 1 + Math.floor(next() * 100);
    const tvdbId = 200_000 + id;
    return {
      title,
      alternateTitles: [],
      sortTitle: title.toLowerCase(),
      status: 'continuing',
      ended: false,
      overview: `Generated series number ${id}.`,
      network: 'Generated TV',
      images: [],
      originalLanguage: { id: 1, name: 'English' },
      seasons: [{ seasonNumber: 1, monitored: true }],
      year,
      path: `${rootFolder}/${arrFolderName(title, year).replace(/ \(\d+\)$/, '')}`,
      qualityProfileId: 1,
      seasonFolder: true,
      monitored: next() >= 0.05,
      monitorNewItems: 'all',
      useSceneNumbering: false,
      runtime: 45,
      tvdbId,
      tvRageId: 0,
      tvMazeId: 0,
      tmdbId: 60_000 + id,
      seriesType: 'standard',
      cleanTitle: title.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
      imdbId: `tt${String(2_000_000 + id)}`,
      titleSlug: title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-'),
      rootFolderPath: rootFolder,
      genres: [],
      tags: [],
      added: '2024-06-02T18:22:09Z',
      ratings: { votes: 10, value: 7 },
      statistics: { seasonCount: 1, episodeFileCount, episodeCount: episodeFileCount, totalEpisodeCount: 100, sizeOnDisk: 0, releaseGroups: [], percentOfEpisodes: episodeFileCount },
      languageProfileId: 1,
      id,
    };
  });
}
