import { describe, expect, it } from 'vitest';
import { parseRadarrWebhook, radarrEventTypes } from '../../src/arr/radarr-webhook.ts';
import { parseSonarrWebhook, sonarrEventTypes } from '../../src/arr/sonarr-webhook.ts';
import { arrFixture, webhookFixtureNames, type ArrApp, type JsonObject } from '../support/fake-arr-data.ts';

const parsers = { radarr: parseRadarrWebhook, sonarr: parseSonarrWebhook } as const;

function parsedEvent(app: ArrApp, body: unknown) {
  const result = parsers[app](body);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.event as JsonObject;
}

function issuesOf(app: ArrApp, body: unknown) {
  const result = parsers[app](body);
  if (result.ok) throw new Error(`expected issues, parsed as ${JSON.stringify(result.event)}`);
  return result.issues;
}

describe('every shared webhook fixture parses', () => {
  for (const app of ['radarr', 'sonarr'] as const) {
    const names = webhookFixtureNames(app);
    it(`finds the ${app} fixtures`, () => {
      expect(names.length).toBeGreaterThanOrEqual(12);
    });
    for (const name of names) {
      it(`${app}/${name}`, () => {
        const body = arrFixture(app, name);
        const event = parsedEvent(app, body);
        expect(event['eventType']).toBe(body['eventType']);
        expect((app === 'radarr' ? radarrEventTypes : sonarrEventTypes) as string[]).toContain(event['eventType']);
        expect(event['instanceName']).toBe(body['instanceName']);
      });
    }
  }
});

describe('what the parsed events carry', () => {
  it('keeps the Radarr fields the actions use and drops the rest', () => {
    const event = parsedEvent('radarr', arrFixture('radarr', 'webhook-download-upgrade'));
    expect(event['movie']).toEqual({
      id: 42,
      title: 'Blade Runner 2049',
      year: 2017,
      folderPath: '/movies/Blade Runner 2049 (2017)',
      tmdbId: 335912,
      imdbId: 'tt1856190',
      originalLanguage: 'en',
      tags: ['4k', 'trailers'],
      images: { posterRemoteUrl: 'https://image.tmdb.org/t/p/original/q7RkVw2xPbN3hLe0Yd5sTaJm8uC.jpg', posterPath: '/MediaCover/42/poster.jpg?lastWrite=638664391204817236' },
    });
    expect(event['movieFile']).toEqual({
      id: 311,
      relativePath: 'Blade Runner 2049 (2017) Remux-2160p.mkv',
      path: '/movies/Blade Runner 2049 (2017)/Blade Runner 2049 (2017) Remux-2160p.mkv',
    });
    expect(event['isUpgrade']).toBe(true);
    expect(event['deletedFiles']).toHaveLength(1);
    expect(event).not.toHaveProperty('customFormatInfo');
  });

  it('reads both Sonarr Download shapes: per file and import complete', () => {
    const single = parsedEvent('sonarr', arrFixture('sonarr', 'webhook-download'));
    expect(single['episodeFile']?.['relativePath']).toBe('Season 02/Severance - S02E01 - Hello, Ms. Cobel WEBDL-2160p.mkv');
    expect(single['episodeFiles']).toEqual([]);
    const complete = parsedEvent('sonarr', arrFixture('sonarr', 'webhook-download-import-complete'));
    expect(complete['episodeFile']).toBeUndefined();
    expect(complete['isUpgrade']).toBeUndefined();
    expect(complete['episodeFiles']).toHaveLength(3);
    expect(complete['series']).toMatchObject({ id: 19, path: "/anime/Frieren - Beyond Journey's End", tvdbId: 424577 });
  });

  it('keeps Windows paths and non-ASCII bytes untouched', () => {
    const test = parsedEvent('radarr', arrFixture('radarr', 'webhook-test'));
    expect(test['movie']['folderPath']).toBe('C:\\testpath');
    const body = arrFixture('radarr', 'webhook-movie-added');
    body['movie']['folderPath'] = '/movies/Cafe\u0301 Ame\u0301lie (2001)';
    expect(parsedEvent('radarr', body)['movie']['folderPath']).toBe('/movies/Cafe\u0301 Ame\u0301lie (2001)');
  });
});

describe('tolerance', () => {
  it('treats null anywhere as absent', () => {
    const body = arrFixture('radarr', 'webhook-download');
    body['movie']['imdbId'] = null;
    body['movie']['tags'] = [null, 'trailers'];
    body['release'] = null;
    body['deletedFiles'] = null;
    body['downloadClient'] = null;
    const event = parsedEvent('radarr', body);
    expect(event['movie']).not.toHaveProperty('imdbId');
    expect(event['movie']['tags']).toEqual(['trailers']);
    expect(event['deletedFiles']).toEqual([]);
    expect(event['downloadClient']).toBeUndefined();
  });

  it('ignores unknown keys, including the Sonarr v5 additions', () => {
    const body = arrFixture('sonarr', 'webhook-download');
    body['series']['malIds'] = [52991];
    body['series']['originalCountry'] = 'jp';
    body['episodes'][0]['finaleType'] = 'season';
    body['release']['indexerFlags'] = ['G_Freeleech'];
    body['somethingNew'] = { nested: true };
    const event = parsedEvent('sonarr', body);
    expect(event).not.toHaveProperty('somethingNew');
    expect(event['series']).not.toHaveProperty('malIds');
    expect(event['series']['id']).toBe(7);
  });

  it('accepts a manual import: no release, no download client', () => {
    const body = arrFixture('radarr', 'webhook-download');
    for (const key of ['release', 'downloadClient', 'downloadClientType', 'downloadId', 'customFormatInfo']) delete body[key];
    expect(parsedEvent('radarr', body)['movieFile']['relativePath']).toBe('Arrival (2016) Bluray-1080p.mkv');
  });

  it('drops malformed fields it does not act on instead of failing the delivery', () => {
    const grab = arrFixture('radarr', 'webhook-grab');
    grab['movie'] = 'not a movie';
    expect(parsedEvent('radarr', grab)['movie']).toBeUndefined();
    const download = arrFixture('radarr', 'webhook-download');
    download['downloadClient'] = 17;
    download['isUpgrade'] = 'no';
    download['movie']['tags'] = 'trailers';
    const event = parsedEvent('radarr', download);
    expect(event['downloadClient']).toBeUndefined();
    expect(event['isUpgrade']).toBeUndefined();
    expect(event['movie']['id']).toBe(57);
    const health = arrFixture('sonarr', 'webhook-health');
    health['message'] = { text: 'odd' };
    expect(parsedEvent('sonarr', health)['message']).toBeUndefined();
  });

  it('keeps an unknown eventType as an "Other" event', () => {
    for (const app of ['radarr', 'sonarr'] as const) {
      const event = parsedEvent(app, { eventType: 'MovieTeleported', instanceName: 'Main', whatever: [1, 2] });
      expect(event).toEqual({ eventType: 'Other', receivedEventType: 'MovieTeleported', instanceName: 'Main', applicationUrl: undefined });
    }
  });

  it('reads a missing deletedFiles on a delete as "keep the files"', () => {
    const body = arrFixture('radarr', 'webhook-movie-delete-with-files');
    delete body['deletedFiles'];
    expect(parsedEvent('radarr', body)['deletedFiles']).toBe(false);
  });
});

describe('issues name the bad field', () => {
  it('wrong types on Radarr fields we act on', () => {
    const body = arrFixture('radarr', 'webhook-download');
    body['movie']['id'] = '57';
    body['movie']['folderPath'] = 7;
    body['movieFile']['relativePath'] = ['x'];
    expect(issuesOf('radarr', body).map((issue) => issue.path)).toEqual(['movie.id', 'movie.folderPath', 'movieFile.relativePath']);
  });

  it('a missing used field says "missing"', () => {
    const body = arrFixture('sonarr', 'webhook-series-add');
    delete body['series']['path'];
    expect(issuesOf('sonarr', body)).toEqual([{ path: 'series.path', message: 'missing (expected string)' }]);
  });

  it('deletedFiles of the wrong type on a delete', () => {
    const body = arrFixture('sonarr', 'webhook-series-delete-with-files');
    body['deletedFiles'] = 'yes';
    expect(issuesOf('sonarr', body).map((issue) => issue.path)).toEqual(['deletedFiles']);
  });

  it('a renamed file without its previous path, by index', () => {
    const body = arrFixture('radarr', 'webhook-rename');
    delete body['renamedMovieFiles'][0]['previousPath'];
    expect(issuesOf('radarr', body).map((issue) => issue.path)).toEqual(['renamedMovieFiles.0.previousPath']);
  });

  it('eventType missing or not a string', () => {
    const body = arrFixture('radarr', 'webhook-download');
    body['eventType'] = 3;
    expect(issuesOf('radarr', body).map((issue) => issue.path)).toEqual(['eventType']);
    delete body['eventType'];
    expect(issuesOf('sonarr', body)).toEqual([{ path: 'eventType', message: 'missing (expected string)' }]);
  });

  it('a body that is not a JSON object', () => {
    for (const body of [[], 'Download', 42, null, undefined]) {
      expect(issuesOf('radarr', body)).toEqual([{ path: '(body)', message: 'expected a JSON object' }]);
    }
  });

  it('a pathologically nested body is an issue, not a crash', () => {
    const body = JSON.parse(`{"eventType":"Download","movie":${'['.repeat(200_000)}${']'.repeat(200_000)}}`) as unknown;
    expect(issuesOf('radarr', body)).toEqual([{ path: '(body)', message: 'nested too deeply' }]);
  });

  it('a movie id that is not a positive integer', () => {
    const body = arrFixture('radarr', 'webhook-movie-added');
    body['movie']['id'] = 1.5;
    expect(issuesOf('radarr', body).map((issue) => issue.path)).toEqual(['movie.id']);
    body['movie']['id'] = 0;
    expect(issuesOf('radarr', body).map((issue) => issue.path)).toEqual(['movie.id']);
  });
});
