// A profile's "automatic captions" setting through the whole fetch job: the service's yt-dlp is the
// real one on an info JSON (test/support/ytdlp-info-json.ts) offering only an automatic English
// caption; a profile that allows automatic captions gets it embedded in its file, one that does
// not gets the file without subtitles and the note "no subtitles in en".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { AUTOMATIC_CAPTION_CUES } from '../support/clip-subtitles.ts';
import { cueTexts, subtitleStreams } from '../support/subtitle-streams.ts';
import { testBackend } from '../support/test-db.ts';
import { infoJsonLauncher, writeInfoJson } from '../support/ytdlp-info-json.ts';
import { closePipelineWorld, enqueueFetch, insertMovie, openPipelineWorld, trailerRows, type PipelineWorld } from './pipeline-fixture.ts';
import { insertProfile, setItemFacts, waitForSlot } from './slot-fixture.ts';

let world: PipelineWorld;
let db: Db;
let infoDir: string;
let infoJson: string;
let allowedId: number;
let refusedId: number;

beforeAll(async () => {
  infoDir = await mkdtemp(path.join(tmpdir(), 'previewarr-info-json-'));
  infoJson = path.join(infoDir, 'next.info.json');
  world = await openPipelineWorld('auto-captions', { env: { YTDLP_PATH: await infoJsonLauncher(infoDir, infoJson) } });
  db = world.svc.deps.database.db;
  const appliesTo = (tag: string) => ({ mediaKinds: [], connectionIds: [], tags: [tag] });
  allowedId = await insertProfile(db, { name: 'Captions', kind: 'trailer', subtitles: { languages: ['en'], automatic: true }, appliesTo: appliesTo('auto') });
  refusedId = await insertProfile(db, { name: 'Uploaded only', kind: 'trailer', subtitles: { languages: ['en'], automatic: false }, appliesTo: appliesTo('uploaded') });
}, 120_000);

afterAll(async () => {
  await closePipelineWorld(world);
  await rm(infoDir, { recursive: true, force: true });
});

/** Fetches `title`'s slot of `profileId` from a video that has only an automatic English caption. */
async function fetchSlot(title: string, tag: string, profileId: number) {
  const id = title.toLowerCase();
  await writeInfoJson(infoDir, { id, videoUrl: world.clips.url(id), automaticCaptions: { en: world.clips.automaticCaptionUrl(id, 'en') } }, infoJson);
  const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder: path.join(world.root, `${title} (2021)`), title, year: 2021 });
  await setItemFacts(db, mediaId, { tags: [tag] });
  await enqueueFetch(world.svc, { mediaId, reason: 'user', profileId, videoId: world.clips.url(id) });
  const slot = await waitForSlot(db, { mediaId, profileId }, ['have', 'needs-attention']);
  expect(slot.status, slot.statusReason ?? '').toBe('have');
  const [file] = await trailerRows(db, mediaId);
  const captionRequests = world.clips.requests.filter((seen) => seen.path.startsWith(`/auto-subs/${id}/`));
  return { slot, file: file!.path, captionRequests };
}

describe(`automatic captions in the fetch job (${testBackend})`, () => {
  it('a profile allowing them: the automatic caption is embedded, tagged eng, and nothing is noted missing', async () => {
    const { slot, file, captionRequests } = await fetchSlot('Captioned', 'auto', allowedId);

    expect(slot.statusReason).toBeNull();
    expect(captionRequests.map((seen) => seen.status)).toEqual([200]);
    expect((await subtitleStreams(file)).map((stream) => stream.tags?.language)).toEqual(['eng']);
    expect(await cueTexts(file, 0)).toEqual([AUTOMATIC_CAPTION_CUES['en']]);
  });

  it('a profile not allowing them: the file has no subtitle, none was fetched, and the slot notes the missing language', async () => {
    const { slot, file, captionRequests } = await fetchSlot('Uncaptioned', 'uploaded', refusedId);

    expect(slot.statusReason).toBe('no subtitles in en');
    expect(captionRequests).toEqual([]);
    expect(await subtitleStreams(file)).toEqual([]);
  });
});
