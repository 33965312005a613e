import { EXTRA_NAMING, SERIES_STEM } from './extra-folders.ts';
import { looksLikeExtraFile } from './extra-files.ts';
import { fitName } from './name-parts.ts';
import { type NamingStyle, SLOT_CONTAINER_MUXER, slotTarget, type SlotTarget, type SlotTargetResult } from './slot-name.ts';

// Where THE trailer goes: the first trailer profile of an item, under the names Previewarr has
// always used (existing installs keep their file names). Since issue #19 this is a thin call into
// `slotTarget` (slot-name.ts), which names every kind of file; the facts about what Plex,
// Jellyfin, Emby and Kodi read are in extra-folders.ts. In short:
// - Plex, Jellyfin, Emby and Kodi all read `<movie file name>-trailer.<ext>` beside the movie
//   file. Kodi needs the movie file's exact base name, so that is the default.
// - Plex, Jellyfin and Emby also read any video inside a `Trailers` sub-folder (Kodi does not).
//   There the file name is what Plex shows as the extra's title, so we use `Title (Year)` when we
//   know it and keep the `-trailer` suffix so the file still reads as a trailer if moved out.
// - For a series, Kodi/tinyMediaManager use `tvshow-trailer.<ext>` in the series folder; Plex,
//   Jellyfin and Emby read it too through the `-trailer` suffix (and `Trailers/` in the series
//   folder).

export { isPartialName, PARTIAL_SUFFIX, partialNameFor } from './name-parts.ts';

export type MediaKind = 'movie' | 'series';
export type TrailerLayout = 'beside' | 'trailers-folder';
export type TrailerContainer = 'mkv' | 'mp4' | 'webm';
export type TrailerTarget = SlotTarget;
export type TrailerTargetResult = SlotTargetResult;

export const TRAILERS_FOLDER = EXTRA_NAMING.trailer.folder;
export const SERIES_TRAILER_STEM = SERIES_STEM;

/** ffmpeg muxer per video container (the trailer's part of `SLOT_CONTAINER_MUXER`). */
export const CONTAINER_MUXER: Readonly<Record<TrailerContainer, string>> = {
  mkv: SLOT_CONTAINER_MUXER.mkv,
  mp4: SLOT_CONTAINER_MUXER.mp4,
  webm: SLOT_CONTAINER_MUXER.webm,
};

/** The naming style today's `trailerLayout` setting stands for: 'beside' ≙ suffix, 'trailers-folder' ≙ folder. */
export function namingStyleFor(layout: TrailerLayout | undefined): NamingStyle {
  return layout === 'trailers-folder' ? 'folder' : 'suffix';
}

export interface TrailerTargetInput {
  kind: MediaKind;
  /** Local absolute POSIX path of the movie/series folder, already mapped from the Arr path. */
  mediaFolder: string;
  /** Radarr `movieFile.relativePath` in POSIX form; absent when the movie has no file yet. */
  movieFileRelativePath?: string | undefined;
  layout?: TrailerLayout | undefined;
  container: TrailerContainer;
  title?: string | undefined;
  year?: number | undefined;
}

/** `<stem>-trailer.<ext>`, cutting the stem (never the suffix) to fit 255 bytes. */
export function trailerFileName(stem: string, container: TrailerContainer): string {
  return fitName(stem, `${EXTRA_NAMING.trailer.suffix}.${container}`);
}

/** Where the trailer for one movie or series goes, and the partial name used while writing it. */
export function trailerTarget(input: TrailerTargetInput): TrailerTargetResult {
  return slotTarget({
    kind: input.kind,
    mediaFolder: input.mediaFolder,
    movieFileRelativePath: input.movieFileRelativePath,
    extraKind: 'trailer',
    style: namingStyleFor(input.layout),
    container: input.container,
    title: input.title,
    year: input.year,
  });
}

/**
 * Whether a file (path relative to the movie/series folder, `/`-separated) is an external trailer
 * a media server would already play: `*-trailer.<video>` (and Jellyfin's `.`/`_`/space variants),
 * `trailer.<video>`, or any video directly inside a `Trailers` folder. Case-insensitive; hidden
 * files (ours while partial, macOS `._` files) never count.
 */
export function looksLikeTrailerFile(relativePathWithinMediaFolder: string): boolean {
  return looksLikeExtraFile(relativePathWithinMediaFolder, 'trailer');
}
