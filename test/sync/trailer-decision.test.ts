import { describe, expect, it } from 'vitest';
import {
  REASON_DELETED_REFETCH,
  REASON_DELETED_RESPECT,
  REASON_EXTERNAL_GONE,
  decideSlotState,
  decideTrailerState,
  type SlotCheck,
  type TrailerCheckItem,
} from '../../src/sync/trailer-decision.ts';
import type { ScanResult } from '../../src/sync/trailer-scan.ts';

const OURS = '/m/Heat (1995)/Heat (1995)-trailer.mkv';
const THEIRS = '/m/Heat (1995)/Trailers/Heat.mp4';

const item = (overrides: Partial<TrailerCheckItem>): TrailerCheckItem => ({
  mediaId: 7,
  trailerStatus: 'missing',
  externalTrailerPath: null,
  ownTrailerPaths: [],
  ...overrides,
});
const scan = (overrides: Partial<ScanResult> = {}): ScanResult => ({ mediaId: 7, folderVisible: true, externalPath: null, ownMissing: [], ...overrides });

describe('decideTrailerState', () => {
  it('concludes nothing from a folder that is not visible here, nor while a download runs', () => {
    expect(decideTrailerState(item({ trailerStatus: 'have', ownTrailerPaths: [OURS] }), scan({ folderVisible: false, ownMissing: [OURS] }), 'refetch')).toBeUndefined();
    expect(decideTrailerState(item({ trailerStatus: 'downloading' }), scan({ externalPath: THEIRS }), 'refetch')).toBeUndefined();
  });

  it('leaves an item with its own trailer present alone, even beside a trailer of theirs', () => {
    expect(decideTrailerState(item({ trailerStatus: 'have', ownTrailerPaths: [OURS] }), scan({ externalPath: THEIRS }), 'refetch')).toBeUndefined();
  });

  it('our deleted trailer: respected, fetched again, or replaced by theirs', () => {
    const have = item({ trailerStatus: 'have', ownTrailerPaths: [OURS] });
    const gone = scan({ ownMissing: [OURS] });
    expect(decideTrailerState(have, gone, 'respect')).toEqual({
      mediaId: 7,
      expectedStatus: 'have',
      missingTrailerPaths: [OURS],
      change: { trailerStatus: 'skipped', externalTrailerPath: null, statusReason: REASON_DELETED_RESPECT },
      refetch: false,
    });
    expect(decideTrailerState(have, gone, 'refetch')).toMatchObject({
      change: { trailerStatus: 'queued', externalTrailerPath: null, statusReason: REASON_DELETED_REFETCH },
      refetch: true,
    });
    expect(decideTrailerState(have, scan({ ownMissing: [OURS], externalPath: THEIRS }), 'refetch')).toMatchObject({
      change: { trailerStatus: 'external', externalTrailerPath: THEIRS, statusReason: null },
      refetch: false,
    });
  });

  it('one of two own files gone: its record goes, the status stays', () => {
    const other = '/m/Heat (1995)/Trailers/Heat (1995)-trailer.mkv';
    const decision = decideTrailerState(item({ trailerStatus: 'have', ownTrailerPaths: [OURS, other] }), scan({ ownMissing: [other] }), 'refetch');
    expect(decision).toEqual({ mediaId: 7, expectedStatus: 'have', missingTrailerPaths: [other], refetch: false });
  });

  it('ignores missing paths that are not on record, and "have" without any record', () => {
    expect(decideTrailerState(item({ trailerStatus: 'have', ownTrailerPaths: [] }), scan({ ownMissing: [OURS] }), 'refetch')).toBeUndefined();
  });

  it('an external trailer: unchanged, moved, or gone back to the backfill', () => {
    const external = item({ trailerStatus: 'external', externalTrailerPath: THEIRS });
    expect(decideTrailerState(external, scan({ externalPath: THEIRS }), 'respect')).toBeUndefined();
    const moved = '/m/Heat (1995)/Heat (1995)-trailer.mp4';
    expect(decideTrailerState(external, scan({ externalPath: moved }), 'respect')?.change).toEqual({
      trailerStatus: 'external',
      externalTrailerPath: moved,
      statusReason: null,
    });
    // Never ours: the deleted-trailer policy does not apply.
    expect(decideTrailerState(external, scan(), 'respect')?.change).toEqual({ trailerStatus: 'missing', externalTrailerPath: null, statusReason: REASON_EXTERNAL_GONE });
  });

  it('a trailer of theirs turns up for an item still waiting for one (or only previewed)', () => {
    for (const trailerStatus of ['missing', 'queued', 'needs-attention', 'skipped', 'no-trailer-yet', 'preview'] as const) {
      expect(decideTrailerState(item({ trailerStatus }), scan({ externalPath: THEIRS }), 'refetch')).toEqual({
        mediaId: 7,
        expectedStatus: trailerStatus,
        missingTrailerPaths: [],
        change: { trailerStatus: 'external', externalTrailerPath: THEIRS, statusReason: null },
        refetch: false,
      });
      expect(decideTrailerState(item({ trailerStatus }), scan(), 'refetch')).toBeUndefined();
    }
  });
});

describe('decideSlotState (an extra slot: featurette, theme music, a season trailer)', () => {
  const FEATURETTE = '/m/Heat (1995)/Featurettes/Making of.mkv';
  const OUR_FEATURETTE = '/m/Heat (1995)/Heat (1995)-featurette.mkv';
  const slot = (overrides: Partial<SlotCheck>): SlotCheck => ({ mediaId: 7, profileId: 3, season: null, status: 'missing', externalPath: null, ownPaths: [], ...overrides });

  it("the user's file fills a waiting slot (also one never planned before, which is missing)", () => {
    for (const status of ['missing', 'queued', 'needs-attention', 'skipped', 'no-trailer-yet'] as const) {
      expect(decideSlotState(slot({ status }), FEATURETTE, [], 'refetch')).toEqual({
        mediaId: 7,
        profileId: 3,
        season: null,
        expectedStatus: status,
        change: { trailerStatus: 'external', externalTrailerPath: FEATURETTE, statusReason: null },
      });
    }
    expect(decideSlotState(slot({ status: 'downloading' }), FEATURETTE, [], 'refetch')).toBeUndefined();
    expect(decideSlotState(slot({}), null, [], 'refetch')).toBeUndefined();
  });

  it("the user's file is gone: the slot is wanted again (never the deleted-trailer policy: it was never ours)", () => {
    const external = slot({ status: 'external', externalPath: FEATURETTE, season: 2 });
    expect(decideSlotState(external, FEATURETTE, [], 'respect')).toBeUndefined();
    expect(decideSlotState(external, null, [], 'respect')).toMatchObject({
      season: 2,
      expectedStatus: 'external',
      change: { trailerStatus: 'missing', externalTrailerPath: null, statusReason: REASON_EXTERNAL_GONE },
    });
  });

  it('our file of the slot deleted: the policy, or theirs in its place; another slot\'s file gone changes nothing', () => {
    const have = slot({ status: 'have', ownPaths: [OUR_FEATURETTE] });
    expect(decideSlotState(have, null, [OUR_FEATURETTE], 'respect')?.change.trailerStatus).toBe('skipped');
    expect(decideSlotState(have, null, [OUR_FEATURETTE], 'refetch')?.change).toEqual({ trailerStatus: 'queued', externalTrailerPath: null, statusReason: REASON_DELETED_REFETCH });
    expect(decideSlotState(have, FEATURETTE, [OUR_FEATURETTE], 'refetch')?.change.trailerStatus).toBe('external');
    expect(decideSlotState(have, FEATURETTE, [OURS], 'refetch')).toBeUndefined();
  });
});
