// Which subtitle files a finished yt-dlp download wrote. yt-dlp prints its `requested_subtitles`
// (language → { ext, url, filepath }) to a file after the download; a language whose file is
// missing there failed or was not offered, and is simply not listed.
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { SubtitleFile } from './subtitle-args.ts';

const requestedSubtitlesSchema = z.record(
  z.string(),
  z.object({ filepath: z.string().optional().catch(undefined) }).catch({ filepath: undefined }),
);

/**
 * The subtitle files listed in `listFile` that are among `created` (files this download wrote
 * beside its output) and in one of `languages`, in the order asked. Anything else the list names
 * is ignored: yt-dlp's output is not trusted to point elsewhere.
 */
export async function readSubtitleFiles(
  listFile: string,
  created: readonly string[],
  languages: readonly string[],
): Promise<SubtitleFile[]> {
  let text: string;
  try {
    text = await readFile(listFile, 'utf8');
  } catch {
    return [];
  }
  // One JSON line per printed video; yt-dlp prints `"NA"` when there were no subtitles at all.
  const line = text.split('\n').filter((entry) => entry.trim() !== '').at(-1);
  if (line === undefined) return [];
  let listed: z.infer<typeof requestedSubtitlesSchema>;
  try {
    const parsed = requestedSubtitlesSchema.safeParse(JSON.parse(line));
    if (!parsed.success) return [];
    listed = parsed.data;
  } catch {
    return [];
  }
  const ours = new Set(created);
  const files: SubtitleFile[] = [];
  for (const language of languages) {
    const file = Object.hasOwn(listed, language) ? listed[language]?.filepath : undefined;
    if (file === undefined || !ours.has(file)) continue;
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() === true && info.size > 0) files.push({ language, path: file });
  }
  return files;
}
