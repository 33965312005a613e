// Sources for theme-music tests, made by the real ffmpeg from lavfi: sound framed by digital
// silence, muxed with a small picture as a YouTube download would be. Made once per spec and process.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProcess } from '../../src/media-tools/run-process.ts';

export interface ThemeSourceSpec {
  /** `quiet`: a 440 Hz tone at about −35 LUFS; `loud`: pink noise plus a 220 Hz tone at about −8 LUFS. */
  sound: 'quiet' | 'loud';
  leadingSilence: number;
  soundSeconds: number;
  trailingSilence: number;
  /** mp4: h264/aac; webm: vp9/opus; m4a: aac only (cheap for long sources). */
  container: 'mp4' | 'webm' | 'm4a';
  /** A title tag, as yt-dlp writes the web page's title into the file. */
  title?: string;
}

const ENCODING = {
  mp4: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-f', 'mp4'],
  webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '100k', '-c:a', 'libopus', '-b:a', '96k', '-f', 'webm'],
  m4a: ['-vn', '-c:a', 'aac', '-b:a', '96k', '-f', 'mp4'],
} as const;

function soundGraph({ sound, leadingSilence, soundSeconds, trailingSilence }: ThemeSourceSpec): string {
  const frame = `pan=stereo|c0=c0|c1=c0,adelay=delays=${leadingSilence * 1000}:all=1,apad=pad_dur=${trailingSilence}`;
  if (sound === 'quiet') {
    // A stereo 440 Hz sine of amplitude 0.0193 reads −35 LUFS (20·log10(A) − 0.691); `sine` makes
    // amplitude 1/8, so the volume is 0.0193 × 8 (aevalsrc would be ten times slower).
    return `sine=frequency=440:sample_rate=48000:duration=${soundSeconds},volume=0.1544,${frame}`;
  }
  return (
    `anoisesrc=color=pink:amplitude=0.45:sample_rate=48000:duration=${soundSeconds}:seed=7[noise];` +
    `sine=frequency=220:sample_rate=48000:duration=${soundSeconds},volume=3.36[tone];` +
    `[noise][tone]amix=inputs=2:normalize=0,${frame}`
  );
}

let folder: Promise<string> | undefined;
const made = new Map<string, Promise<string>>();

export function makeThemeSource(spec: ThemeSourceSpec): Promise<string> {
  const key = JSON.stringify(spec);
  let result = made.get(key);
  if (result === undefined) {
    result = (async () => {
      folder ??= mkdtemp(path.join(tmpdir(), 'previewarr-theme-sources-'));
      const file = path.join(await folder, `${made.size}-${spec.sound}.${spec.container}`);
      const seconds = spec.leadingSilence + spec.soundSeconds + spec.trailingSilence;
      const picture = spec.container === 'm4a' ? [] : ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=5'];
      const args = [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        ...picture,
        '-f',
        'lavfi',
        '-i',
        soundGraph(spec),
        '-t',
        String(seconds),
        ...(spec.title !== undefined ? ['-metadata', `title=${spec.title}`, '-metadata', 'comment=from the web page'] : []),
        ...ENCODING[spec.container],
        '-y',
        file,
      ];
      const outcome = await startProcess(process.env['FFMPEG_PATH'] ?? 'ffmpeg', args, { timeoutMs: 120_000 }).done;
      if (outcome.exitCode !== 0) throw new Error(`making theme source ${file} failed: ${outcome.stderrTail}`);
      return file;
    })();
    made.set(key, result);
  }
  return result;
}

/** The folder the sources live in, for the test's own clean-up. */
export async function themeSourceFolder(): Promise<string | undefined> {
  return folder;
}
