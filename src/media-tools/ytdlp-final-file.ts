// What a finished yt-dlp download left: the final path it printed, or why it wrote nothing.
import { readFile } from 'node:fs/promises';
import { MediaToolError } from './media-tool-error.ts';

export async function readFinalPath(file: string): Promise<string | undefined> {
  try {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    return lines.at(-1);
  } catch {
    return undefined;
  }
}

/** yt-dlp exits 0 when it skips a video (filter, size); say which, from what it printed. */
export function noFileError(url: string, tail: string): MediaToolError {
  if (/larger than max-filesize/i.test(tail)) {
    return new MediaToolError(`yt-dlp refused ${url}: it is larger than the size limit`, {
      tool: 'yt-dlp',
      failure: 'too-large',
      exitCode: 0,
      stderrTail: tail,
    });
  }
  if (/does not pass filter|skipping/i.test(tail)) {
    return new MediaToolError(`yt-dlp skipped ${url}: it is live or longer than the duration limit`, {
      tool: 'yt-dlp',
      failure: 'rejected',
      exitCode: 0,
      stderrTail: tail,
    });
  }
  return new MediaToolError(`yt-dlp finished ${url} without writing a file`, {
    tool: 'yt-dlp',
    failure: 'bad-output',
    exitCode: 0,
    stderrTail: tail,
  });
}
