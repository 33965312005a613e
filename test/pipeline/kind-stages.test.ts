// The candidate stages for a slot of another kind: what the pipeline asks each source when the
// item's ranking carries a Wanted (issue #19). Against the real database, the fake TMDB and the
// recorded searches; nothing is downloaded here (the trailer job itself is unchanged).
import { eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../src/db/schema/index.ts';
import { readSettings, writeSettings } from '../../src/db/settings-store.ts';
import type { Wanted } from '../../src/domain/wanted-video.ts';
import { candidateStages } from '../../src/pipeline/candidate-stages.ts';
import { planFetch } from '../../src/pipeline/fetch-plan.ts';
import { rankedItem } from '../../src/pipeline/item-ranking.ts';
import { resolveFetchSlot } from '../../src/pipeline/slot-context.ts';
import { createPipelineRuntime, type PipelineRuntime } from '../../src/pipeline/pipeline-runtime.ts';
import { startFakeTmdb, type FakeTmdb } from './fake-tmdb.ts';
import { closePipelineWorld, insertMovie, openPipelineWorld, type PipelineWorld } from './pipeline-fixture.ts';

const TMDB_KEY = 'tmdb-kinds-key-0123456789';
let world: PipelineWorld;
let tmdb: FakeTmdb;
let rt: PipelineRuntime;
let duneId: number;
let bearId: number;
const searches: string[] = [];

async function recorded(file: string): Promise<unknown[]> {
  const text = await readFile(path.join(import.meta.dirname, '../fixtures/ytdlp-search', file), 'utf8');
  return (JSON.parse(text) as { entries: unknown[] }).entries;
}

beforeAll(async () => {
  tmdb = await startFakeTmdb(TMDB_KEY);
  world = await openPipelineWorld('kind-stages', { env: { TMDB_API_URL: tmdb.baseUrl } });
  const db = world.svc.deps.database.db;
  await writeSettings(db, { tmdbApiKey: TMDB_KEY, preferredLanguages: ['en'] });
  tmdb.setVideos('movie', 438631, [
    { key: 'tmdbTrail01', name: 'Official Main Trailer', type: 'Trailer', official: true, iso_639_1: 'en' },
    { key: 'tmdbFeat001', name: 'Inside the Sandworm', type: 'Featurette', official: true, iso_639_1: 'en' },
  ]);
  tmdb.setSeasonVideos(136315, 2, [{ key: 'tmdbBearS02', name: 'Season 2 Official Trailer', type: 'Trailer', official: true, iso_639_1: 'en' }]);
  const featurettes = await recorded('dune-2021-featurette.flat.json');
  const duneTrailers = await recorded('dune-2021.flat.json');
  rt = createPipelineRuntime(world.svc.deps, {
    search: async (query) => {
      searches.push(query);
      return query.includes('featurette') ? featurettes : query.startsWith('Dune') ? duneTrailers : [];
    },
  });
  duneId = await insertMovie(db, {
    connectionId: world.connectionId,
    folder: path.join(world.root, 'Dune (2021)'),
    title: 'Dune',
    year: 2021,
    tmdbId: 438631,
    youTubeTrailerId: 'radarrDune1',
    userSourceUrl: 'https://youtu.be/pastedTrl01',
  });
  bearId = await insertMovie(db, { connectionId: world.connectionId, folder: path.join(world.root, 'The Bear'), kind: 'series', title: 'The Bear', year: 2022, tmdbId: 136315, youTubeTrailerId: null });
});

afterAll(async () => {
  await closePipelineWorld(world);
  await tmdb?.close();
});

/** Every stage of the item's slot, loaded: its name and the usable candidates' ids. */
async function loadStages(mediaId: number, wanted?: Wanted): Promise<Array<[string, string[]]>> {
  const [row] = await rt.db.select().from(media).where(eq(media.id, mediaId));
  const data = { mediaId, reason: 'user' as const, force: true };
  const settings = await readSettings(rt.db);
  const resolved = await resolveFetchSlot(rt.db, data, row!, settings);
  if (!resolved.ok) throw new Error(`no slot: ${resolved.reason}`);
  const decision = await planFetch(rt, row!, data, resolved.slot, settings);
  if (!decision.go) throw new Error(`no plan: ${decision.reason}`);
  // Ranked for another kind as an extra slot would be; a trailer as the main trailer.
  const forSlot = wanted === undefined ? undefined : { wanted, languageRule: 'settings' as const, main: wanted.kind === 'trailer' };
  const item = await rankedItem(rt, row!, decision.plan.settings, undefined, forSlot);
  const stages = await candidateStages(rt, decision.plan, data, undefined, item);
  const loaded: Array<[string, string[]]> = [];
  for (const stage of stages) loaded.push([stage.name, (await stage.load()).filter((c) => !c.excluded).map((c) => c.videoId)]);
  return loaded;
}

describe('candidate stages per kind', () => {
  it('without a Wanted: the trailer, as before (pasted link, Radarr id, TMDB trailer, the template search)', async () => {
    searches.length = 0;
    const stages = await loadStages(duneId);
    expect(stages.map(([name]) => name)).toEqual(['direct', 'tmdb', 'search']);
    expect(stages[0]?.[1]).toEqual(['pastedTrl01', 'radarrDune1']);
    expect(stages[1]?.[1]).toEqual(['tmdbTrail01']);
    expect(stages[2]?.[1][0]).toBe('dnOffMain01');
    expect(searches[0]).toBe('Dune 2021 trailer');
  });

  it("a featurette: neither the trailer's pasted link nor Radarr's id; TMDB's featurette; a featurette search", async () => {
    searches.length = 0;
    const stages = await loadStages(duneId, { kind: 'featurette' });
    expect(stages.map(([name]) => name)).toEqual(['direct', 'tmdb', 'search']);
    expect(stages[0]?.[1]).toEqual([]);
    expect(stages[1]?.[1]).toEqual(['tmdbFeat001']);
    expect(stages[2]?.[1][0]).toBe('dnFtSandw01');
    expect(stages[2]?.[1]).not.toContain('dnFtTrail00');
    expect(searches[0]).toBe('Dune 2021 featurette');
  });

  it('theme music and interviews skip TMDB', async () => {
    const requestsBefore = tmdb.requests.length;
    expect((await loadStages(duneId, { kind: 'theme-music' })).map(([name]) => name)).toEqual(['direct', 'search']);
    expect((await loadStages(duneId, { kind: 'interview' })).map(([name]) => name)).toEqual(['direct', 'search']);
    expect(tmdb.requests.slice(requestsBefore).some((r) => r.path.endsWith('/videos'))).toBe(false);
  });

  it("a season of a series asks TMDB for that season's videos and searches for the season", async () => {
    searches.length = 0;
    const stages = await loadStages(bearId, { kind: 'trailer', season: 2 });
    expect(stages[1]).toEqual(['tmdb', ['tmdbBearS02']]);
    expect(tmdb.requests.some((r) => r.path === '/3/tv/136315/season/2/videos')).toBe(true);
    expect(searches[0]).toBe('The Bear season 2 trailer');
  });

  it('a movie has no seasons: a season asked for a movie is dropped', async () => {
    searches.length = 0;
    await loadStages(duneId, { kind: 'featurette', season: 3 });
    expect(searches[0]).toBe('Dune 2021 featurette');
    // …so a "season 3 trailer" of a movie is its trailer, pasted link and Radarr id included.
    expect((await loadStages(duneId, { kind: 'trailer', season: 3 }))[0]).toEqual(['direct', ['pastedTrl01', 'radarrDune1']]);
  });
});
