import { describe, expect, it } from 'vitest';
import { isUnreleased, nextRecheckAt, releaseDate, withTmdbFacts } from '../../src/domain/release-schedule.ts';

const now = new Date('2026-12-05T01:00:00Z');
const day = 24 * 3600_000;

describe('release state', () => {
  it('announced and TBA are unreleased; released and in cinemas are out', () => {
    expect(isUnreleased({ status: 'announced' }, now)).toBe(true);
    expect(isUnreleased({ status: 'tba' }, now)).toBe(true);
    expect(isUnreleased({ status: 'upcoming' }, now)).toBe(true);
    expect(isUnreleased({ status: 'inCinemas' }, now)).toBe(false);
    expect(isUnreleased({ status: 'released' }, now)).toBe(false);
  });

  it('a stale "announced" with a release date already past counts as out', () => {
    expect(isUnreleased({ status: 'announced', inCinemas: new Date('2026-11-01T00:00:00Z') }, now)).toBe(false);
  });

  it('without a status, a future date (Radarr or TMDB) means unreleased', () => {
    expect(isUnreleased({ tmdbReleaseDate: new Date('2027-06-30T00:00:00Z') }, now)).toBe(true);
    expect(isUnreleased({ digitalRelease: new Date('2026-01-01T00:00:00Z') }, now)).toBe(false);
    expect(isUnreleased({}, now)).toBe(false);
  });

  it('the release date is the earliest known one', () => {
    expect(releaseDate({ physicalRelease: new Date('2027-09-01'), inCinemas: new Date('2027-06-30') })).toEqual(new Date('2027-06-30'));
  });
});

describe("TMDB's facts when the Arr told nothing", () => {
  it('post-production or planned is unreleased, Released is out; the Arr\'s own status wins', () => {
    expect(isUnreleased(withTmdbFacts({}, { status: 'Post Production', releaseDate: '2027-12-17' }), now)).toBe(true);
    expect(isUnreleased(withTmdbFacts({}, { status: 'Planned' }), now)).toBe(true);
    expect(isUnreleased(withTmdbFacts({}, { status: 'Released', releaseDate: '2019-07-19' }), now)).toBe(false);
    expect(isUnreleased(withTmdbFacts({ status: 'released' }, { status: 'Planned' }), now)).toBe(false);
    expect(withTmdbFacts({}, { releaseDate: '2027-06-30' }).tmdbReleaseDate).toEqual(new Date('2027-06-30T00:00:00Z'));
  });
});

describe('re-check schedule (injected clock)', () => {
  const facts = { status: 'announced', inCinemas: new Date('2026-12-20T00:00:00Z') };

  it('daily until release', () => {
    expect(nextRecheckAt(facts, now)).toEqual(new Date(now.getTime() + day));
  });

  it('never past the release day itself', () => {
    const eve = new Date('2026-12-19T12:00:00Z');
    expect(nextRecheckAt(facts, eve)).toEqual(new Date('2026-12-20T00:00:00Z'));
  });

  it('weekly once released', () => {
    const later = new Date('2026-12-21T00:00:00Z');
    expect(nextRecheckAt(facts, later)).toEqual(new Date(later.getTime() + 7 * day));
  });

  it('the intervals are settings', () => {
    expect(nextRecheckAt(facts, now, { beforeReleaseHours: 6, afterReleaseHours: 72 })).toEqual(new Date(now.getTime() + 6 * 3600_000));
    expect(nextRecheckAt({ status: 'released' }, now, { beforeReleaseHours: 6, afterReleaseHours: 72 })).toEqual(new Date(now.getTime() + 3 * day));
  });

  it('walking the clock: searches fall daily, then weekly after release', () => {
    let clock = new Date('2026-12-15T00:00:00Z');
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      const next = nextRecheckAt(facts, clock);
      gaps.push((next.getTime() - clock.getTime()) / day);
      clock = next;
    }
    expect(gaps).toEqual([1, 1, 1, 1, 1, 7, 7, 7]);
  });
});
