import { describe, expect, it } from 'vitest';
import { parseRadarrWebhook } from '../../src/arr/radarr-webhook.ts';
import { parseSonarrWebhook } from '../../src/arr/sonarr-webhook.ts';
import { dedupeKey, webhookAction, type WebhookAction } from '../../src/domain/event-action.ts';
import { arrFixture, arrFixtureText, webhookFixtureNames, type ArrApp, type JsonObject } from '../support/fake-arr-data.ts';

function eventOf(app: ArrApp, body: unknown) {
  const result = app === 'radarr' ? parseRadarrWebhook(body) : parseSonarrWebhook(body);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.event;
}

function actionOf(app: ArrApp, body: unknown): WebhookAction {
  return webhookAction(app, eventOf(app, body));
}

const arrival = {
  kind: 'movie',
  arrId: 57,
  title: 'Arrival',
  year: 2016,
  folderPath: '/movies/Arrival (2016)',
  tmdbId: 329871,
  imdbId: 'tt2543199',
  originalLanguage: 'en',
  tags: ['trailers'] as string[],
  posterRemoteUrl: 'https://image.tmdb.org/t/p/original/n3Wc8Hk2Lq5Zr9Pv1Ty7Mb0Xd.jpg',
  posterPath: '/MediaCover/57/poster.jpg?lastWrite=638512007731905518',
} as const;
const bladeRunner = {
  kind: 'movie',
  arrId: 42,
  title: 'Blade Runner 2049',
  year: 2017,
  folderPath: '/movies/Blade Runner 2049 (2017)',
  tmdbId: 335912,
  imdbId: 'tt1856190',
  originalLanguage: 'en',
  tags: ['4k', 'trailers'] as string[],
  posterRemoteUrl: 'https://image.tmdb.org/t/p/original/q7RkVw2xPbN3hLe0Yd5sTaJm8uC.jpg',
  posterPath: '/MediaCover/42/poster.jpg?lastWrite=638664391204817236',
} as const;
const severance = {
  kind: 'series',
  arrId: 7,
  title: 'Severance',
  year: 2022,
  folderPath: '/tv/Severance',
  tmdbId: 95341,
  imdbId: 'tt11280799',
  tvdbId: 371999,
  originalLanguage: 'en',
  tags: ['trailers'] as string[],
  posterRemoteUrl: 'https://artworks.thetvdb.com/banners/v4/series/371999/posters/678a1f3e5c0b2.jpg',
  posterPath: '/MediaCover/7/poster.jpg?lastWrite=638745120006602714',
} as const;
const expanse = {
  kind: 'series',
  arrId: 12,
  title: 'The Expanse',
  year: 2015,
  folderPath: '/tv/The Expanse',
  tmdbId: 63652,
  imdbId: 'tt3230871',
  tvdbId: 280644,
  originalLanguage: 'en',
  tags: [] as string[],
  posterRemoteUrl: 'https://artworks.thetvdb.com/banners/v4/series/280644/posters/61a4e0b7c9f35.jpg',
  posterPath: '/MediaCover/12/poster.jpg?lastWrite=638401772312207731',
} as const;
const frieren = {
  kind: 'series',
  arrId: 19,
  title: "Frieren: Beyond Journey's End",
  year: 2023,
  folderPath: "/anime/Frieren - Beyond Journey's End",
  tmdbId: 209871,
  imdbId: 'tt22248399',
  tvdbId: 424577,
  originalLanguage: 'ja',
  tags: ['anime', 'trailers'] as string[],
  posterRemoteUrl: 'https://artworks.thetvdb.com/banners/v4/series/424577/posters/64f1c3a2d7e80.jpg',
  posterPath: '/MediaCover/19/poster.jpg?lastWrite=638712004418801550',
} as const;

const none = { type: 'none', reason: expect.any(String) };

// One expected action per shared fixture; a fixture missing here fails the coverage test below.
const expected: Record<ArrApp, Record<string, WebhookAction | typeof none>> = {
  radarr: {
    'webhook-test': { type: 'test' },
    'webhook-grab': none,
    'webhook-download': {
      type: 'ensure',
      priority: 'import',
      item: { ...arrival, movieFileRelativePath: 'Arrival (2016) Bluray-1080p.mkv' },
    },
    'webhook-download-upgrade': {
      type: 'ensure',
      priority: 'import',
      item: { ...bladeRunner, movieFileRelativePath: 'Blade Runner 2049 (2017) Remux-2160p.mkv' },
      replacedFileRelativePaths: ['Blade Runner 2049 (2017) Bluray-1080p.mkv'],
    },
    'webhook-rename': {
      type: 'rename',
      item: { ...arrival, movieFileRelativePath: 'Arrival (2016) Bluray-1080p.mkv' },
      renames: [
        {
          previousPath: '/movies/Arrival (2016)/Arrival.2016.1080p.BluRay.x264-SPARKS.mkv',
          newPath: '/movies/Arrival (2016)/Arrival (2016) Bluray-1080p.mkv',
          previousRelativePath: 'Arrival.2016.1080p.BluRay.x264-SPARKS.mkv',
          newRelativePath: 'Arrival (2016) Bluray-1080p.mkv',
        },
      ],
    },
    'webhook-movie-added': {
      type: 'ensure',
      priority: 'import',
      item: {
        kind: 'movie',
        arrId: 63,
        title: 'Nightfall Protocol',
        year: 2026,
        folderPath: '/movies/Nightfall Protocol (2026)',
        tmdbId: 1187342,
        originalLanguage: 'en',
        tags: [] as string[],
        posterRemoteUrl: 'https://image.tmdb.org/t/p/original/t1Gm6Qz3Wb8Lc0Nr5Yx2Vk7Hd.jpg',
        posterPath: '/MediaCover/63/poster.jpg?lastWrite=638985920017734611',
      },
    },
    'webhook-movie-delete-with-files': { type: 'forget', kind: 'movie', arrId: 57, folderPath: '/movies/Arrival (2016)', deleteOwnFiles: true },
    'webhook-movie-delete-keep-files': { type: 'forget', kind: 'movie', arrId: 57, folderPath: '/movies/Arrival (2016)', deleteOwnFiles: false },
    'webhook-movie-file-delete': none,
    'webhook-health': none,
    'webhook-health-restored': none,
    'webhook-application-update': none,
  },
  sonarr: {
    'webhook-test': { type: 'test' },
    'webhook-grab': none,
    'webhook-download': { type: 'ensure', priority: 'import', item: severance },
    'webhook-download-upgrade': {
      type: 'ensure',
      priority: 'import',
      item: severance,
      replacedFileRelativePaths: ['Season 02/Severance - S02E01 - Hello, Ms. Cobel WEBDL-1080p.mkv'],
    },
    'webhook-download-multi-episode': { type: 'ensure', priority: 'import', item: expanse },
    'webhook-download-import-complete': { type: 'ensure', priority: 'import', item: frieren },
    'webhook-rename': {
      type: 'rename',
      item: expanse,
      renames: [
        {
          previousPath: '/tv/The Expanse/Season 01/The.Expanse.S01E01E02.1080p.BluRay.x264-ROVERS.mkv',
          newPath: '/tv/The Expanse/Season 01/The Expanse - S01E01-E02 - Dulcinea + The Big Empty Bluray-1080p.mkv',
          previousRelativePath: 'Season 01/The.Expanse.S01E01E02.1080p.BluRay.x264-ROVERS.mkv',
          newRelativePath: 'Season 01/The Expanse - S01E01-E02 - Dulcinea + The Big Empty Bluray-1080p.mkv',
        },
      ],
    },
    'webhook-series-add': { type: 'ensure', priority: 'import', item: frieren },
    'webhook-series-delete-with-files': { type: 'forget', kind: 'series', arrId: 12, folderPath: '/tv/The Expanse', deleteOwnFiles: true },
    'webhook-series-delete-keep-files': { type: 'forget', kind: 'series', arrId: 12, folderPath: '/tv/The Expanse', deleteOwnFiles: false },
    'webhook-episode-file-delete': none,
    'webhook-health': none,
    'webhook-health-restored': none,
    'webhook-application-update': none,
  },
};

describe('webhookAction on every shared fixture', () => {
  for (const app of ['radarr', 'sonarr'] as const) {
    it(`has an expectation for every ${app} webhook fixture`, () => {
      expect(Object.keys(expected[app]).sort()).toEqual(webhookFixtureNames(app));
    });
    for (const [name, action] of Object.entries(expected[app])) {
      it(`${app}/${name} → ${action.type}`, () => {
        expect(actionOf(app, arrFixture(app, name))).toStrictEqual(action);
      });
    }
  }
});

describe('webhookAction rules', () => {
  it('an upgrade delete says the Download follows; a manual delete keeps the trailer', () => {
    const body = arrFixture('radarr', 'webhook-movie-file-delete');
    expect(actionOf('radarr', body)).toEqual({ type: 'none', reason: expect.stringContaining('trailer kept') });
    body['deleteReason'] = 'upgrade';
    expect(actionOf('radarr', body)).toEqual({ type: 'none', reason: expect.stringContaining('Download that follows') });
  });

  it('an unknown eventType is kept and not acted on', () => {
    expect(actionOf('sonarr', { eventType: 'SeasonFinale' })).toEqual({
      type: 'none',
      reason: expect.stringContaining('"SeasonFinale"'),
    });
  });

  it('ManualInteractionRequired does nothing', () => {
    const body = { ...arrFixture('radarr', 'webhook-grab'), eventType: 'ManualInteractionRequired' };
    expect(actionOf('radarr', body)).toEqual(none);
  });

  it('a Rename without files does nothing', () => {
    const body = arrFixture('radarr', 'webhook-rename');
    body['renamedMovieFiles'] = [];
    expect(actionOf('radarr', body)).toEqual({ type: 'none', reason: 'Rename lists no renamed files' });
  });

  it('unknown ids (written as 0) and empty imdb ids are left out of the item', () => {
    const body = arrFixture('radarr', 'webhook-movie-added');
    body['movie']['year'] = 0;
    body['movie']['tmdbId'] = 0;
    body['movie']['imdbId'] = '';
    delete body['movie']['images'];
    expect(actionOf('radarr', body)).toStrictEqual({
      type: 'ensure',
      priority: 'import',
      item: { kind: 'movie', arrId: 63, title: 'Nightfall Protocol', folderPath: '/movies/Nightfall Protocol (2026)', originalLanguage: 'en', tags: [] },
    });
  });

  it('keeps a valid poster from the body and drops a poster URL that is not https or not the Arr\'s cover path', () => {
    const body = arrFixture('radarr', 'webhook-movie-added');
    body['movie']['images'] = [
      { coverType: 'fanart', url: '/MediaCover/63/fanart.jpg', remoteUrl: 'https://image.tmdb.org/fanart.jpg' },
      { coverType: 'poster', url: 'http://evil.example/MediaCover/63/poster.jpg', remoteUrl: 'http://image.tmdb.org/p.jpg' },
    ];
    const action = actionOf('radarr', body);
    expect(action.type === 'ensure' && action.item).not.toHaveProperty('posterRemoteUrl');
    expect(action.type === 'ensure' && action.item).not.toHaveProperty('posterPath');
    body['movie']['images'] = [{ coverType: 'poster', url: '/radarr/MediaCover/63/poster.jpg', remoteUrl: 'https://image.tmdb.org/p.jpg' }];
    expect(actionOf('radarr', body)).toMatchObject({
      item: { posterRemoteUrl: 'https://image.tmdb.org/p.jpg', posterPath: '/MediaCover/63/poster.jpg' },
    });
  });

  it('a Download without movieFile still ensures the movie', () => {
    const body = arrFixture('radarr', 'webhook-download');
    delete body['movieFile'];
    expect(actionOf('radarr', body)).toStrictEqual({ type: 'ensure', priority: 'import', item: arrival });
  });
});

describe('dedupeKey', () => {
  const keyOf = (app: ArrApp, raw: string | Uint8Array) => dedupeKey(app, eventOf(app, JSON.parse(Buffer.from(raw).toString('utf8'))), raw);

  it('is the same for the same delivery seen twice', () => {
    const raw = arrFixtureText('radarr', 'webhook-download');
    expect(keyOf('radarr', raw)).toBe(keyOf('radarr', raw));
    expect(keyOf('radarr', raw)).toMatch(/^radarr:Download:[0-9a-f]{64}$/);
  });

  it('ignores whitespace, key order and nulls (a relay re-serialising the body)', () => {
    const raw = arrFixtureText('sonarr', 'webhook-rename');
    const body = JSON.parse(raw) as JsonObject;
    const reordered: JsonObject = { eventType: body['eventType'], extra: null };
    for (const key of Object.keys(body).reverse()) reordered[key] = body[key];
    expect(keyOf('sonarr', JSON.stringify(reordered))).toBe(keyOf('sonarr', raw));
    expect(keyOf('sonarr', new TextEncoder().encode(raw))).toBe(keyOf('sonarr', raw));
  });

  it('differs when any content differs', () => {
    const raw = arrFixtureText('radarr', 'webhook-download');
    const changed = JSON.parse(raw) as JsonObject;
    changed['movieFile']['dateAdded'] = '2025-11-10T06:02:45Z';
    expect(keyOf('radarr', JSON.stringify(changed))).not.toBe(keyOf('radarr', raw));
    const renamed = JSON.parse(raw) as JsonObject;
    renamed['movie']['title'] = 'Arrival\u0301';
    expect(keyOf('radarr', JSON.stringify(renamed))).not.toBe(keyOf('radarr', raw));
  });

  it('differs between Radarr and Sonarr for the same bytes', () => {
    const raw = '{"eventType":"Test"}';
    const radarr = keyOf('radarr', raw);
    const sonarr = keyOf('sonarr', raw);
    expect(radarr.split(':')[2]).not.toBe(sonarr.split(':')[2]);
  });

  it('names an unknown eventType and still hashes a body that is not JSON', () => {
    const event = eventOf('radarr', { eventType: 'Teleport' });
    expect(dedupeKey('radarr', event, '{"eventType":"Teleport"}')).toMatch(/^radarr:Teleport:/);
    const a = dedupeKey('radarr', event, 'not json {');
    expect(a).toBe(dedupeKey('radarr', event, 'not json {'));
    expect(a).not.toBe(dedupeKey('radarr', event, 'not json }'));
  });
});
