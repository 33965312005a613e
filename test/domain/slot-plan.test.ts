import { describe, expect, it } from 'vitest';
import { extraSlots, plannedSlots, profileApplies, slotSeasons, type SlotItem, type SlotProfile } from '../../src/domain/slot-plan.ts';

const any = { mediaKinds: [], connectionIds: [], tags: [] };
const profile = (id: number, over: Partial<SlotProfile> = {}): SlotProfile => ({ id, kind: 'trailer', scope: 'item', enabled: true, appliesTo: any, ...over });
const movie: SlotItem = { kind: 'movie', connectionId: 1, tags: ['4K', 'kids'], seasons: [] };
const series: SlotItem = {
  kind: 'series',
  connectionId: 2,
  tags: [],
  seasons: [
    { number: 0, monitored: false },
    { number: 2, monitored: true },
    { number: 1, monitored: true },
    { number: 3, monitored: false },
  ],
};

describe('slot plan', () => {
  it('gives the main trailer first, then every enabled profile that applies', () => {
    const profiles = [profile(3, { kind: 'featurette' }), profile(1), profile(2, { enabled: false })];
    expect(plannedSlots(movie, profiles, 1)).toEqual([
      { profileId: 1, season: null },
      { profileId: 3, season: null },
    ]);
    expect(extraSlots(movie, profiles, 1)).toEqual([{ profileId: 3, season: null }]);
  });

  it('filters by media kind, connection and tag (ignoring case), an empty list meaning any', () => {
    expect(profileApplies(profile(1, { appliesTo: { ...any, mediaKinds: ['series'] } }), movie)).toBe(false);
    expect(profileApplies(profile(1, { appliesTo: { ...any, mediaKinds: ['movie'] } }), movie)).toBe(true);
    expect(profileApplies(profile(1, { appliesTo: { ...any, connectionIds: [2] } }), movie)).toBe(false);
    expect(profileApplies(profile(1, { appliesTo: { ...any, connectionIds: [1, 2] } }), movie)).toBe(true);
    expect(profileApplies(profile(1, { appliesTo: { ...any, tags: ['4k'] } }), movie)).toBe(true);
    expect(profileApplies(profile(1, { appliesTo: { ...any, tags: ['anime'] } }), movie)).toBe(false);
  });

  it('gives one slot per monitored season for a season-scoped profile, never for a movie or theme music', () => {
    const seasonal = profile(5, { scope: 'season' });
    expect(plannedSlots(series, [profile(1), seasonal], 1)).toEqual([
      { profileId: 1, season: null },
      { profileId: 5, season: 1 },
      { profileId: 5, season: 2 },
    ]);
    expect(plannedSlots(movie, [seasonal], 1)).toEqual([]);
    expect(plannedSlots(series, [profile(6, { scope: 'season', kind: 'theme-music' })], 1)).toEqual([]);
  });

  it('leaves the main slot out of the extras only for the whole item', () => {
    const seasonalMain = profile(1, { scope: 'season' });
    expect(extraSlots(series, [seasonalMain], 1)).toEqual([
      { profileId: 1, season: 1 },
      { profileId: 1, season: 2 },
    ]);
  });

  it('never gives the specials (season 0) a season slot, monitored or not', () => {
    const withSpecials: SlotItem = { ...series, seasons: [{ number: 0, monitored: true }, { number: 1, monitored: true }, { number: 2, monitored: true }] };
    expect(slotSeasons(withSpecials)).toEqual([1, 2]);
    expect(plannedSlots(withSpecials, [profile(1), profile(5, { scope: 'season' })], 1)).toEqual([
      { profileId: 1, season: null },
      { profileId: 5, season: 1 },
      { profileId: 5, season: 2 },
    ]);
    expect(slotSeasons({ ...series, seasons: [{ number: 0, monitored: true }] })).toEqual([]);
  });

  it('slotSeasons: monitored whole seasons, once each, in order', () => {
    const odd: SlotItem = {
      ...series,
      seasons: [{ number: 3, monitored: true }, { number: 1.5, monitored: true }, { number: -1, monitored: true }, { number: 3, monitored: true }, { number: 1, monitored: true }],
    };
    expect(slotSeasons(odd)).toEqual([1, 3]);
  });
});
