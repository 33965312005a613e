import { describe, expect, it } from 'vitest';
import { arrPosterPath, MAX_POSTER_URL_LENGTH, posterFacts, posterPathArrId, safePosterRemoteUrl } from '../../src/domain/poster-image.ts';

describe('safePosterRemoteUrl', () => {
  it('keeps a plain https URL with a host', () => {
    expect(safePosterRemoteUrl('https://image.tmdb.org/t/p/original/q7Rk.jpg')).toBe('https://image.tmdb.org/t/p/original/q7Rk.jpg');
    expect(safePosterRemoteUrl('https://artworks.thetvdb.com/banners/v4/series/1/posters/a.jpg?x=1')).toBe(
      'https://artworks.thetvdb.com/banners/v4/series/1/posters/a.jpg?x=1',
    );
  });

  it.each([
    ['http, not https', 'http://image.tmdb.org/a.jpg'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:image/png;base64,AAAA'],
    ['a file: URL', 'file:///etc/passwd'],
    ['credentials', 'https://user:secret@image.tmdb.org/a.jpg'],
    ['a user name alone', 'https://user@image.tmdb.org/a.jpg'],
    ['a relative path', '/MediaCover/42/poster.jpg'],
    ['a control character', 'https://image.tmdb.org/a\u0007.jpg'],
    ['a newline', 'https://image.tmdb.org/a.jpg\nX-Evil: 1'],
    ['a space', 'https://image.tmdb.org/a b.jpg'],
    ['too long', `https://image.tmdb.org/${'a'.repeat(MAX_POSTER_URL_LENGTH)}.jpg`],
    ['empty', ''],
    ['no host', 'https://'],
  ])('drops %s', (_why, text) => {
    expect(safePosterRemoteUrl(text)).toBeUndefined();
  });
});

describe('arrPosterPath', () => {
  it('keeps the cover path and lastWrite, without the URL base', () => {
    expect(arrPosterPath('/MediaCover/42/poster.jpg?lastWrite=638664391204817236')).toBe('/MediaCover/42/poster.jpg?lastWrite=638664391204817236');
    expect(arrPosterPath('/radarr/MediaCover/42/poster.jpg')).toBe('/MediaCover/42/poster.jpg');
    expect(arrPosterPath('/apps/sonarr/MediaCover/7/poster.jpg?lastWrite=1')).toBe('/MediaCover/7/poster.jpg?lastWrite=1');
  });

  it.each([
    ['an absolute URL', 'http://radarr:7878/MediaCover/42/poster.jpg'],
    ['a protocol-relative URL', '//evil.example/MediaCover/42/poster.jpg'],
    ['another cover type', '/MediaCover/42/fanart.jpg'],
    ['a resized file name', '/MediaCover/42/poster-500.jpg'],
    ['a path climbing out', '/MediaCover/../config.xml/poster.jpg'],
    ['a dot-dot URL base', '/../MediaCover/42/poster.jpg'],
    ['a non-numeric id', '/MediaCover/abc/poster.jpg'],
    ['id 0 (Radarr proxies items not in the library)', '/MediaCover/0/poster.jpg'],
    ['the proxy URL for items not in the library', '/MediaCoverProxy/abc/poster.jpg'],
    ['another query', '/MediaCover/42/poster.jpg?apikey=x'],
    ['a fragment', '/MediaCover/42/poster.jpg#x'],
    ['an encoded character', '/MediaCover/42%2F../poster.jpg'],
  ])('drops %s', (_why, text) => {
    expect(arrPosterPath(text)).toBeUndefined();
  });

  it('reads the Arr id back from a stored path only', () => {
    expect(posterPathArrId('/MediaCover/42/poster.jpg?lastWrite=1')).toBe(42);
    expect(posterPathArrId('/radarr/MediaCover/42/poster.jpg')).toBeUndefined();
    expect(posterPathArrId('/MediaCover/42/fanart.jpg')).toBeUndefined();
  });
});

describe('posterFacts', () => {
  it('takes the first poster entry and keeps each field only when valid', () => {
    expect(
      posterFacts([
        { coverType: 'banner', url: '/MediaCover/7/banner.jpg', remoteUrl: 'https://a.example/b.jpg' },
        { coverType: 'poster', url: '/MediaCover/7/poster.jpg', remoteUrl: 'http://a.example/p.jpg' },
      ]),
    ).toEqual({ posterPath: '/MediaCover/7/poster.jpg' });
    expect(posterFacts([{ coverType: 'poster', remoteUrl: 'https://a.example/p.jpg' }])).toEqual({ posterRemoteUrl: 'https://a.example/p.jpg' });
    expect(posterFacts([])).toEqual({});
    expect(posterFacts(undefined)).toEqual({});
  });
});
