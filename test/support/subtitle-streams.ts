// What ffprobe and ffmpeg read back from a converted file's subtitle streams: their codec, tags
// and dispositions, and the cue texts of one stream.
import { expect } from 'vitest';
import { startProcess } from '../../src/media-tools/run-process.ts';

const ffmpegPath = process.env['FFMPEG_PATH'] ?? 'ffmpeg';
const ffprobePath = process.env['FFPROBE_PATH'] ?? 'ffprobe';

export interface SubtitleStream {
  codec_name: string;
  tags?: { language?: string; title?: string };
  disposition?: { default?: number; forced?: number };
}

export async function subtitleStreams(file: string): Promise<SubtitleStream[]> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-select_streams', 's', `file:${file}`];
  const outcome = await startProcess(ffprobePath, args, { collectStdout: true }).done;
  expect(outcome.exitCode).toBe(0);
  return (JSON.parse(outcome.stdout) as { streams: SubtitleStream[] }).streams;
}

/** The cue texts of subtitle stream `index`, extracted by ffmpeg as srt. */
export async function cueTexts(file: string, index: number): Promise<string[]> {
  const args = ['-v', 'error', '-i', `file:${file}`, '-map', `0:s:${index}`, '-f', 'srt', '-'];
  const outcome = await startProcess(ffmpegPath, args, { collectStdout: true }).done;
  expect(outcome.exitCode).toBe(0);
  // srt blocks: number, timing, text lines.
  return outcome.stdout
    .split(/\r?\n\r?\n/)
    .map((block) => block.split(/\r?\n/).slice(2).join('\n').trim())
    .filter((text) => text !== '');
}
