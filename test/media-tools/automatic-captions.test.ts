// Automatic captions end to end with the real tools: our ytdlp module runs the real yt-dlp on an
// info JSON (ytdlp-info-json.ts) whose uploaded subtitles and automatic captions are clip-server
// URLs; ffmpeg embeds what came, and ffprobe and an ffmpeg extraction read the file back. A profile
// allowing automatic captions asks `--write-auto-subs`; yt-dlp takes them only for a language
// without uploaded subtitles.
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planConversion, type Container } from '../../src/media-tools/convert-plan.ts';
import type { SubtitleRequest } from '../../src/media-tools/ytdlp.ts';
import { missingSubtitlesNote } from '../../src/pipeline/slot-subtitles.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { AUTOMATIC_CAPTION_CUES, SUBTITLE_CUES } from '../support/clip-subtitles.ts';
import { makeClip } from '../support/make-clip.ts';
import { conversionProfile, downloadRequest, scratchFolders, testFfmpeg, testYtdlp } from '../support/media-tool-setup.ts';
import { infoJsonLauncher, writeInfoJson } from '../support/ytdlp-info-json.ts';
import { cueTexts, subtitleStreams } from '../support/subtitle-streams.ts';

const ffmpeg = testFfmpeg();
const scratch = scratchFolders('previewarr-auto-captions-');
let server: ClipServer;

beforeAll(async () => {
  server = await startClipServer({ defaultClip: await makeClip() });
});
afterAll(async () => {
  await server.close();
  await scratch.remove();
});

interface Offered {
  /** Languages with uploaded subtitles. */
  uploaded: string[];
  /** Languages with automatic captions. */
  automatic: string[];
}

/**
 * Video `id` offering `offered`, downloaded with `request` and converted into `container`; returns
 * what was downloaded, the converted file and the slot's note about missing languages.
 */
async function fetchAndEmbed(id: string, offered: Offered, request: SubtitleRequest, container: Container = 'mkv') {
  const dir = await scratch.fresh(id);
  const info = await writeInfoJson(dir, {
    id,
    videoUrl: server.url(id),
    subtitles: Object.fromEntries(offered.uploaded.map((language) => [language, server.subtitleUrl(id, language)])),
    automaticCaptions: Object.fromEntries(offered.automatic.map((language) => [language, server.automaticCaptionUrl(id, language)])),
  });
  const ytdlp = testYtdlp({ ytdlpPath: await infoJsonLauncher(dir, info) });
  const work = await scratch.fresh(`${id}-work`);
  const download = await ytdlp.download(downloadRequest(server.url(id), path.join(work, '.download.partial'), { subtitles: request }));
  const output = path.join(await scratch.fresh(`${id}-out`), '.trailer.partial');
  const plan = planConversion(await ffmpeg.probe(download.filePath), conversionProfile({ container }));
  const converted = await ffmpeg.convert({ input: download.filePath, output, plan, subtitles: download.subtitles });
  return { work, download, output, note: missingSubtitlesNote(request, converted.subtitles) };
}

const fetched = (id: string, kind: 'subs' | 'auto-subs'): string[] =>
  server.requests.filter((seen) => seen.path.startsWith(`/${kind}/${id}/`) && seen.status === 200).map((seen) => seen.path);

describe('automatic captions', () => {
  it.each(['mkv', 'mp4'] as const)(
    'allowed, and no uploaded subtitle in the language: the automatic caption is fetched and embedded, tagged eng (%s)',
    async (container) => {
      const id = `auto-only-${container}`;
      const { work, download, output, note } = await fetchAndEmbed(id, { uploaded: [], automatic: ['en'] }, { languages: ['en'], automatic: true }, container);

      expect(download.subtitles).toEqual([{ language: 'en', path: `${download.filePath}.en.vtt` }]);
      expect(fetched(id, 'auto-subs')).toEqual([`/auto-subs/${id}/en.vtt`]);
      const streams = await subtitleStreams(output);
      expect(streams.map((stream) => [stream.codec_name, stream.tags?.language])).toEqual([[container === 'mkv' ? 'subrip' : 'mov_text', 'eng']]);
      // YouTube's word-timing tags are read away: the cue is the plain sentence.
      expect(await cueTexts(output, 0)).toEqual([AUTOMATIC_CAPTION_CUES['en']]);
      expect(note).toBeUndefined();
      expect((await readdir(work)).sort()).toEqual(['.download.partial', '.download.partial.en.vtt']);
    },
  );

  it('not allowed: no automatic caption is fetched or embedded, and the slot notes the missing language', async () => {
    const id = 'auto-refused';
    const { work, download, output, note } = await fetchAndEmbed(id, { uploaded: [], automatic: ['en'] }, { languages: ['en'], automatic: false });

    expect(download.subtitles).toEqual([]);
    expect(server.requests.some((seen) => seen.path.startsWith(`/auto-subs/${id}/`))).toBe(false);
    expect(await subtitleStreams(output)).toEqual([]);
    expect(note).toBe('no subtitles in en');
    expect(await readdir(work)).toEqual(['.download.partial']);
  });

  it('uploaded subtitles win over automatic captions in the same language; automatic ones fill the languages without', async () => {
    const id = 'auto-and-uploaded';
    const { download, output, note } = await fetchAndEmbed(id, { uploaded: ['en'], automatic: ['en', 'de'] }, { languages: ['en', 'de'], automatic: true });

    expect(download.subtitles.map((subtitle) => subtitle.language)).toEqual(['en', 'de']);
    expect(fetched(id, 'subs')).toEqual([`/subs/${id}/en.vtt`]);
    expect(fetched(id, 'auto-subs')).toEqual([`/auto-subs/${id}/de.vtt`]);
    expect((await subtitleStreams(output)).map((stream) => stream.tags?.language)).toEqual(['eng', 'ger']);
    expect(await cueTexts(output, 0)).toEqual([SUBTITLE_CUES['en']]);
    expect(await cueTexts(output, 1)).toEqual([AUTOMATIC_CAPTION_CUES['de']]);
    expect(note).toBeUndefined();
  });
});
