import { describe, expect, it } from 'vitest';
import { serverPathWithin, toServerPath } from '../../src/domain/server-path.ts';

describe('toServerPath', () => {
  it('keeps a path without a covering mapping', () => {
    expect(toServerPath('/movies/Alien (1979)/Alien-trailer.mkv', [])).toBe('/movies/Alien (1979)/Alien-trailer.mkv');
  });

  it('uses the longest covering local prefix, whole segments only', () => {
    const mappings = [
      { localPrefix: '/media', remotePrefix: '/data' },
      { localPrefix: '/media/movies', remotePrefix: '/mnt/films' },
    ];
    expect(toServerPath('/media/movies/A (2020)', mappings)).toBe('/mnt/films/A (2020)');
    expect(toServerPath('/media/tv/B', mappings)).toBe('/data/tv/B');
    expect(toServerPath('/media2/x', mappings)).toBe('/media2/x');
  });

  it('writes Windows paths with backslashes', () => {
    const mappings = [{ localPrefix: '/movies', remotePrefix: 'D:\\Movies\\' }];
    expect(toServerPath('/movies/A (2020)/a-trailer.mkv', mappings)).toBe('D:\\Movies\\A (2020)\\a-trailer.mkv');
    expect(toServerPath('/movies', [{ localPrefix: '/movies', remotePrefix: '\\\\nas\\films' }])).toBe('\\\\nas\\films');
  });
});

describe('serverPathWithin', () => {
  it('compares whole segments, case-insensitively only for Windows paths', () => {
    expect(serverPathWithin('/data/movies/A', '/data/movies')).toBe(true);
    expect(serverPathWithin('/data/movies2/A', '/data/movies')).toBe(false);
    expect(serverPathWithin('/Data/movies/A', '/data/movies')).toBe(false);
    expect(serverPathWithin('d:\\movies\\A', 'D:\\Movies')).toBe(true);
  });
});
