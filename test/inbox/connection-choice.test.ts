// Which connection an event belongs to (pure rules).
import { describe, expect, it } from 'vitest';
import { chooseConnection } from '../../src/inbox/connection-choice.ts';

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
