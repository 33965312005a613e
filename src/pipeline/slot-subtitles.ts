// Subtitles a slot's profile asks for (issue #19): downloaded by yt-dlp beside the raw download in
// the attempt's work dir and embedded by ffmpeg in the converted file. A language the video does
// not have is no failure: the file is placed and the slot's reason says "no subtitles in de".
import type { ProfileRow } from '../db/schema/index.ts';
import type { SortedSubtitles } from '../media-tools/ffmpeg.ts';
import type { SubtitleRequest } from '../media-tools/ytdlp.ts';

/** What yt-dlp is asked for; undefined when the profile wants none (or makes theme music). */
export function subtitleRequest(profile: ProfileRow): SubtitleRequest | undefined {
  if (profile.kind === 'theme-music' || profile.subtitles === null || profile.subtitles.languages.length === 0) return undefined;
  return { languages: profile.subtitles.languages, automatic: profile.subtitles.automatic };
}

const base = (language: string): string => language.toLowerCase().split(/[-_]/)[0] ?? language.toLowerCase();

/** "no subtitles in de, fr" for the asked languages that did not end up in the file. */
export function missingSubtitlesNote(request: SubtitleRequest | undefined, embedded: SortedSubtitles | undefined): string | undefined {
  if (request === undefined) return undefined;
  const have = new Set((embedded?.readable ?? []).map((subtitle) => subtitle.language.toLowerCase()));
  const haveBase = new Set([...have].map(base));
  const missing = request.languages.filter((language) => !have.has(language.toLowerCase()) && !haveBase.has(base(language)));
  return missing.length > 0 ? `no subtitles in ${missing.join(', ')}` : undefined;
}
