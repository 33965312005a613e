// The whole pipeline with real yt-dlp and real ffmpeg against the local clip server: a download
// that already fits the profile is remuxed, one that does not is transcoded; each result is
// ffprobed at the name the media servers read, recorded as ours, with mode and owner applied.
import { eq } from 'drizzle-orm';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trailerCandidates, trailerProfiles } from '../../src/db/schema/index.ts';
import { readProgress } from '../../src/pipeline/job-progress.ts';
import { workRootOf } from '../../src/pipeline/pipeline-runtime.ts';
import { type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import type { TestService } from '../support/test-service.ts';
import {
  attemptRows,
  enqueueFetch,
  ffmpeg,
  insertMovie,
  listFiles,
  trailerRows,
  waitForStatus,
  closePipelineWorld,
  openPipelineWorld,
} from './pipeline-fixture.ts';

let clips: ClipServer;
let svc: TestService;
let root: string;
let connectionId: number;

beforeAll(async () => {
  ({ root, clips, svc, connectionId } = await openPipelineWorld('convert', { clipServer: { unknownIds: 'not-found' }, env: { PUID: '1234', PGID: '2345', UMASK: '002' } }));
});

afterAll(async () => {
  await closePipelineWorld({ svc, clips, root });
});

describe('trailer-fetch: remux and transcode', () => {
  it('remuxes an h264/aac download into <movie>-trailer.mkv beside the movie, recorded as ours', async () => {
    const db = svc.deps.database.db;
    clips.behave('remuxClip01', { kind: 'clip', file: await makeClip() });
    const folder = path.join(root, 'Remux Movie (2020)');
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Remux Movie', youTubeTrailerId: 'remuxClip01' });
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'external']);
    expect(row.statusReason).toBeNull();
    expect(row.trailerStatus).toBe('have');
    const trailerPath = path.join(folder, 'Remux Movie (2020)-trailer.mkv');
    expect(await listFiles(folder)).toEqual(['Remux Movie (2020)-trailer.mkv', 'Remux Movie (2020).mkv']);

    const probe = await ffmpeg.probe(trailerPath);
    expect(probe.formatName).toContain('matroska');
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(probe.audio?.codec).toBe('aac');
    expect(probe.durationSeconds).toBeGreaterThan(1.7);
    expect(probe.durationSeconds).toBeLessThan(2.4);

    const stats = await stat(trailerPath);
    expect(stats.mode & 0o777).toBe(0o664);
    expect([stats.uid, stats.gid]).toEqual([1234, 2345]);
    const [trailer] = await trailerRows(db, mediaId);
    expect(trailer).toMatchObject({ path: trailerPath, sizeBytes: stats.size, mtimeMs: Math.trunc(stats.mtimeMs), state: 'present', sourceVideoId: 'remuxClip01' });
    expect(trailer?.sourceUrl).toBe(clips.url('remuxClip01'));

    const attempts = await attemptRows(db, mediaId);
    expect(attempts.map((a) => a.outcome)).toEqual(['succeeded']);
    expect(attempts[0]?.partialPath).toBeNull();
    const candidates = await db.select().from(trailerCandidates).where(eq(trailerCandidates.mediaId, mediaId));
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ videoId: 'remuxClip01', source: 'radarr', excluded: false });
    expect(candidates[0]?.reasons.join(' ')).toContain('Radarr');

    const [progress] = await readProgress(db, { mediaIds: [mediaId] });
    expect(progress).toMatchObject({ stage: 'done', percent: 100, detail: 'Remux Movie (2020)-trailer.mkv' });
    expect(await readdir(workRootOf({ DATA_DIR: svc.database.dataDir }))).toEqual([]);
  });

  it('transcodes hevc to h264 per the profile (mp4, at most 240 lines), scaling down', async () => {
    const db = svc.deps.database.db;
    await db.update(trailerProfiles).set({ container: 'mp4', maxHeight: 240, preset: 'ultrafast' });
    try {
      clips.behave('hevcClip001', { kind: 'clip', file: await makeClip({ kind: 'mkv-hevc-aac', width: 640, height: 360, rate: 10 }) });
      const folder = path.join(root, 'Transcode Movie (2021)');
      const mediaId = await insertMovie(db, { connectionId, folder, title: 'Transcode Movie', year: 2021, youTubeTrailerId: 'hevcClip001' });
      await enqueueFetch(svc, { mediaId, reason: 'import' });

      const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'external']);
      expect(row.trailerStatus).toBe('have');
      const trailerPath = path.join(folder, 'Transcode Movie (2021)-trailer.mp4');
      expect(await listFiles(folder)).toEqual(['Transcode Movie (2021)-trailer.mp4', 'Transcode Movie (2021).mkv']);
      const probe = await ffmpeg.probe(trailerPath);
      expect(probe.formatName).toContain('mp4');
      expect(probe.video).toMatchObject({ codec: 'h264', height: 240 });
      expect(probe.video?.width).toBeGreaterThanOrEqual(426);
      expect(probe.video?.width).toBeLessThanOrEqual(428);
      expect(probe.video?.pixFmt).toBe('yuv420p');
      expect(probe.audio?.codec).toBe('aac');
      expect(probe.durationSeconds).toBeGreaterThan(1.7);
      expect(probe.durationSeconds).toBeLessThan(2.4);
      const [trailer] = await trailerRows(db, mediaId);
      expect(trailer?.path).toBe(trailerPath);
    } finally {
      await db.update(trailerProfiles).set({ container: 'mkv', maxHeight: 1080, preset: 'veryfast' });
    }
  });
});
