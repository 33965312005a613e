// Which connection an event belongs to, and which local roots a connection allows (pure rules).
import { describe, expect, it } from 'vitest';
import { chooseConnection } from '../../src/inbox/connection-choice.ts';
import { connectionRoots, localItemFolder } from '../../src/inbox/media-folder.ts';

const named = (...names: string[]) => names.map((name, i) => ({ id: i + 1, name }));

describe('chooseConnection', () => {
  it('?connection= wins over the instance name, case-insensitively', () => {
    const choice = chooseConnection('radarr', named('Radarr', 'Radarr 4K'), { hint: 'RADARR 4k', instanceName: 'Radarr' });
    expect(choice.connection?.id).toBe(2);
  });

  it('?connection= naming nothing never falls back, not even to the only connection', () => {
    expect(chooseConnection('radarr', named('Radarr'), { hint: 'Radar', instanceName: 'Radarr' })).toEqual({
      connection: null,
      why: 'no Radarr connection is named "Radar" (from ?connection= in the webhook URL)',
    });
  });

  it('the instance name picks among several', () => {
    expect(chooseConnection('sonarr', named('Sonarr', 'Anime'), { hint: null, instanceName: 'anime' }).connection?.id).toBe(2);
  });

  it('the only connection takes events from any instance name, or none', () => {
    expect(chooseConnection('sonarr', named('TV'), { hint: null, instanceName: 'Sonarr' }).connection?.id).toBe(1);
    expect(chooseConnection('sonarr', named('TV'), { hint: null, instanceName: null }).connection?.id).toBe(1);
  });

  it('says why when nothing matches', () => {
    expect(chooseConnection('sonarr', [], { hint: null, instanceName: 'Sonarr' })).toEqual({
      connection: null,
      why: 'no Sonarr connection is set up yet',
    });
    expect(chooseConnection('radarr', named('A', 'B'), { hint: null, instanceName: 'C' })).toEqual({
      connection: null,
      why: '2 Radarr connections exist and none is named "C"; add ?connection=<name> to the webhook URL',
    });
  });

  it('accents still count (only case is ignored)', () => {
    expect(chooseConnection('radarr', named('Films', 'Filmé'), { hint: 'filme', instanceName: null }).connection).toBeNull();
  });
});

describe('connection roots and item folders', () => {
  const connection = {
    name: 'Radarr',
    pathMappings: [
      { remotePrefix: 'D:\\Films', localPrefix: '/data/films' },
      { remotePrefix: '/movies', localPrefix: '/data/films' },
    ],
    rootFolders: [
      { path: '/movies', localPath: '/data/films', accessible: true },
      { path: '/uhd', localPath: '/uhd', accessible: true },
      { path: 'E:\\Other', localPath: null, accessible: false },
    ],
  };

  it('are the mappings’ local prefixes plus the root folders visible here, once each', () => {
    expect(connectionRoots(connection)).toEqual(['/data/films', '/uhd']);
  });

  it('map a Windows folder and a POSIX root folder seen at the same path', () => {
    expect(localItemFolder(connection, { folderPath: 'D:\\Films\\Heat (1995)', movieFileRelativePath: 'Heat (1995).mkv' })).toEqual({
      ok: true,
      localPath: '/data/films/Heat (1995)',
      style: 'windows-drive',
    });
    expect(localItemFolder(connection, { folderPath: '/uhd/Heat (1995)' })).toMatchObject({ ok: true, localPath: '/uhd/Heat (1995)' });
  });

  it('refuse an unmapped root folder and a movie file leaving its folder', () => {
    expect(localItemFolder(connection, { folderPath: 'E:\\Other\\Heat (1995)' })).toEqual({
      ok: false,
      reason: 'E:\\Other\\Heat (1995) has no path mapping; add one for E:\\Other',
    });
    expect(localItemFolder(connection, { folderPath: '/movies/Heat (1995)', movieFileRelativePath: '..\\..\\x.mkv' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^movie file: relative path .* contains a '\.\.' segment$/),
    });
  });

  it('allow nothing when the connection declares no roots', () => {
    expect(localItemFolder({ name: 'Bare', pathMappings: [], rootFolders: [] }, { folderPath: '/movies/Heat (1995)' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('connection "Bare" has no path mappings and no known root folders'),
    });
  });
});
