import {
  AUDIO_EXTENSIONS,
  RECOGNISED_EXTRAS,
  TEASER_WORD,
  THEME_MUSIC_FOLDER,
  THEME_STEM,
  VIDEO_EXTENSIONS,
} from './extra-folders.ts';
import type { ExtraKind } from './extra-kinds.ts';

// Recognising extras already on disk (ours or the user's), so sync can tell which kinds an item
// already has. The folders and name endings are what the servers read (extra-folders.ts).

function split(name: string): { stem: string; ext: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return { stem: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

function looksLikeThemeSong(segments: readonly string[], name: string): boolean {
  const parts = split(name);
  if (parts === undefined || !AUDIO_EXTENSIONS.has(parts.ext)) return false;
  if (segments.length === 1) return parts.stem.toLowerCase() === THEME_STEM;
  return segments.length === 2 && segments[0]?.toLowerCase() === THEME_MUSIC_FOLDER;
}

/**
 * Whether a file (path relative to the movie/series folder, `/`-separated) is an extra of this
 * kind that a media server would already play:
 * - trailer: `*-trailer.<video>` (and Jellyfin's `.`/`_`/space forms), `trailer.<video>`, or any
 *   video directly inside `Trailers/`; teaser: such a trailer whose name says "teaser";
 * - featurette, behind-the-scenes, clip, interview: `*-featurette`, `*-behindthescenes`,
 *   `*-scene`/`*-clip`, `*-interview`, or any video directly inside `Featurettes/`,
 *   `Behind The Scenes/`, `Scenes/`/`Clips/`, `Interviews/` (at any depth: season folders too);
 * - theme-music: `theme.<audio>` at the top of the folder, or audio inside its `theme-music/`.
 * Case-insensitive; hidden files (ours while partial, macOS `._` files) never count.
 */
export function looksLikeExtraFile(relativePath: string, extraKind: ExtraKind): boolean {
  if (typeof relativePath !== 'string') return false;
  const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
  const name = segments.at(-1);
  if (name === undefined || name.startsWith('.')) return false;
  if (extraKind === 'theme-music') return looksLikeThemeSong(segments, name);
  const parts = split(name);
  if (parts === undefined || !VIDEO_EXTENSIONS.has(parts.ext)) return false;
  if (extraKind === 'teaser') return looksLikeExtraFile(relativePath, 'trailer') && TEASER_WORD.test(parts.stem);
  const rule = RECOGNISED_EXTRAS[extraKind];
  if (rule === undefined) return false;
  const parent = segments.at(-2)?.toLowerCase();
  if (parent !== undefined && rule.folders.includes(parent)) return true;
  return rule.stem.test(parts.stem);
}
