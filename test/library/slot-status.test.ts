// The state of one file slot (issue #19): setSlotStatus writes the main trailer's state on the
// media row and every other slot's in media_slots; claimSlotFetch moves an extra slot from
// missing to queued exactly once, and never for an item that must not be fetched; a write to an
// extra slot whose row is gone re-creates it only for a placed file or a slot the plan still gives.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { media, mediaSlots, trailers } from '../../src/db/schema/index.ts';
import { claimSlotFetch, setSlotStatus } from '../../src/library/slot-status.ts';
import { insertProfile, slotRow } from '../pipeline/slot-fixture.ts';
import { mediaRow } from '../pipeline/pipeline-fixture.ts';
import { testBackend } from '../support/test-db.ts';
import { closeLibraryWorld, openLibraryWorld, type LibraryWorld } from './library-world.ts';
import path from 'node:path';

let world: LibraryWorld | undefined;
let db: Db;
let root: string;
let profileId: number;
let item: () => Promise<number>;

beforeAll(async () => {
  world = await openLibraryWorld('slot-status');
  ({ db, root, item } = world);
  profileId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette' });
});

afterAll(() => closeLibraryWorld(world));

const claim = (mediaId: number, season?: number) =>
  db.transaction((tx) => claimSlotFetch(tx, { mediaId, profileId, ...(season !== undefined ? { season } : {}) }));

describe(`slot status (${testBackend})`, () => {
  it("writes the main trailer's state on the media row and an extra slot's in media_slots", async () => {
    const mediaId = await item();
    await setSlotStatus(db, { mediaId }, 'needs-attention', 'no usable trailer found', { externalPath: null });
    expect(await mediaRow(db, mediaId)).toMatchObject({ trailerStatus: 'needs-attention', statusReason: 'no usable trailer found' });
    expect(await db.select().from(mediaSlots).where(eq(mediaSlots.mediaId, mediaId))).toEqual([]);

    await setSlotStatus(db, { mediaId, profileId }, 'external', 'kept', { externalPath: '/x/y-featurette.mkv' });
    await setSlotStatus(db, { mediaId, profileId }, 'have', null);
    expect(await slotRow(db, { mediaId, profileId })).toMatchObject({ status: 'have', statusReason: null, externalPath: '/x/y-featurette.mkv' });
    // The main trailer's row is untouched by extra slots.
    expect((await mediaRow(db, mediaId))?.trailerStatus).toBe('needs-attention');
  });

  it('a missing row is created for a slot the plan gives and for a placed file, never for a slot the plan no longer gives', async () => {
    const mediaId = await item();
    // Planned (the profile applies to every item): the first write creates the row.
    await setSlotStatus(db, { mediaId, profileId }, 'needs-attention', 'every candidate failed');
    expect(await slotRow(db, { mediaId, profileId })).toMatchObject({ status: 'needs-attention', statusReason: 'every candidate failed' });
    // Not planned: a season of a whole-item profile, and any slot of a switched-off profile.
    const offId = await insertProfile(db, { name: 'Switched off', kind: 'interview', enabled: false });
    for (const slot of [{ mediaId, profileId, season: 2 }, { mediaId, profileId: offId }]) {
      for (const status of ['queued', 'downloading', 'needs-attention', 'no-trailer-yet', 'missing'] as const) {
        await setSlotStatus(db, slot, status, 'a fetch that ended after its row was pruned');
      }
      expect(await slotRow(db, slot), JSON.stringify(slot)).toBeUndefined();
      // A placed file is always recorded (pruning keeps its row, as had)...
      await setSlotStatus(db, slot, 'have', null);
      expect(await slotRow(db, slot), JSON.stringify(slot)).toMatchObject({ status: 'have' });
      // ...and a row that exists is written as it stands (the user deleting that kept file).
      await setSlotStatus(db, slot, 'skipped', 'deleted by the user');
      expect(await slotRow(db, slot), JSON.stringify(slot)).toMatchObject({ status: 'skipped', statusReason: 'deleted by the user' });
    }
  });

  it('of two transactions claiming one slot at once, exactly one wins; a claimed slot is not claimed again', async () => {
    const mediaId = await item();
    const results = await Promise.all([claim(mediaId), claim(mediaId)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await slotRow(db, { mediaId, profileId }))?.status).toBe('queued');
    expect(await claim(mediaId)).toBe(false);
    // Another season of the same profile is another slot.
    expect(await claim(mediaId, 1)).toBe(true);
  });

  it('excluded, unmonitored, removed items, a file of ours or someone else at the slot: not claimed', async () => {
    const excluded = await item();
    await db.update(media).set({ excludedReason: 'by the user' }).where(eq(media.id, excluded));
    const unmonitored = await item();
    await db.update(media).set({ trailerMonitored: false }).where(eq(media.id, unmonitored));
    const removed = await item();
    await db.update(media).set({ removedAt: new Date() }).where(eq(media.id, removed));
    const withFile = await item();
    await db.insert(trailers).values({ mediaId: withFile, profileId, path: path.join(root, 'f.mkv'), sizeBytes: 1, mtimeMs: 1, sourceUrl: 'http://127.0.0.1/f', state: 'present' });
    const external = await item();
    await setSlotStatus(db, { mediaId: external, profileId }, 'missing', null, { externalPath: path.join(root, 'theirs-featurette.mkv') });
    for (const mediaId of [excluded, unmonitored, removed, withFile, external]) {
      expect(await claim(mediaId), `item ${mediaId}`).toBe(false);
      const [row] = await db.select().from(mediaSlots).where(and(eq(mediaSlots.mediaId, mediaId), eq(mediaSlots.profileId, profileId)));
      expect(row?.status).toBe('missing');
    }
  });
});
