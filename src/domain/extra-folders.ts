import type { ExtraKind } from './extra-kinds.ts';

// What Plex, Jellyfin, Emby and Kodi read as extras, and so where each kind of file goes. Sources
// (checked, not guessed):
// - Jellyfin `Emby.Naming/Common/NamingOptions.cs` (VideoExtraRules): folders `trailers`,
//   `featurettes`, `behind the scenes`, `deleted scenes`, `interviews`, `scenes`, `samples`,
//   `shorts`, `clips`, `other`, `extras`, `theme-music` (audio), `backdrops` (theme videos); name
//   endings `-trailer` `.trailer` `_trailer` `- trailer`, `-featurette`, `-behindthescenes`,
//   `-scene`, `-clip`, `-interview`, `-deleted(scene)`, `-short`, `-other`, `-extra`; the audio
//   file named exactly `theme`. Folder names match case-insensitively. Extras are read beside a
//   movie, in a series folder and in a season folder (docs: "Extras can be added at both the
//   series and season level").
// - Plex "Local Files for Trailers and Extras" / "... for TV Show Trailers and Extras": folders
//   `Behind The Scenes`, `Deleted Scenes`, `Featurettes`, `Interviews`, `Scenes`, `Shorts`,
//   `Trailers`, `Other`; inline `<name>-behindthescenes|-deleted|-featurette|-interview|-scene|
//   -short|-trailer|-other`; for TV the same at show and season level; `theme.mp3` in the show
//   folder is the show's theme music. Plex has no clip and no teaser type.
// - Emby (Emby.Naming as Jellyfin forked it, 3.5): folders `trailers`, `extras`, `specials`,
//   `shorts`, `scenes`, `featurettes`, `behind the scenes`, `deleted scenes`, `interviews`,
//   `theme-music`; inline endings as Jellyfin's, matched only for files that start with the movie
//   file's or the folder's name; the audio file `theme`. Emby reads no season-level extras, and a
//   series' extras only from its folders (inline needs a video beside it to belong to).
// - Kodi ("Movie trailers"): only `<movie file base name>-trailer.<ext>` beside the movie file,
//   one per movie; everything else here is invisible to Kodi but harmless (its default scan
//   excludes `-trailer`).

export type VideoExtraKind = Exclude<ExtraKind, 'theme-music'>;

export interface VideoExtraNaming {
  /** Sub-folder used by the `folder` naming style. */
  folder: string;
  /** Name ending used by both styles, so a file still reads as its kind if moved out. */
  suffix: string;
  /** Tells apart two kinds that share folder and ending (a teaser is a trailer to every server). */
  label?: string;
}

export const EXTRA_NAMING: Readonly<Record<VideoExtraKind, VideoExtraNaming>> = {
  trailer: { folder: 'Trailers', suffix: '-trailer' },
  // No server has a teaser type; all of them file a teaser under trailers, so it goes where a
  // trailer goes, labelled so it never takes the trailer's (Kodi's) name.
  teaser: { folder: 'Trailers', suffix: '-trailer', label: 'Teaser' },
  featurette: { folder: 'Featurettes', suffix: '-featurette' },
  'behind-the-scenes': { folder: 'Behind The Scenes', suffix: '-behindthescenes' },
  // A clip (TMDB "Clip": an excerpt of the film) is a scene: `Scenes/` and `-scene` are read by
  // Plex, Jellyfin and Emby alike, while `Clips/` is Jellyfin-only and `Other/`/`-other` are not
  // read by Emby. Jellyfin's own `-clip` type loses nothing but the label.
  clip: { folder: 'Scenes', suffix: '-scene' },
  interview: { folder: 'Interviews', suffix: '-interview' },
};

/**
 * Folders and name endings each server reads as a kind, for recognising files already on disk
 * (matched case-insensitively). Teasers are trailers whose name says "teaser".
 */
export const RECOGNISED_EXTRAS: Readonly<Record<Exclude<VideoExtraKind, 'teaser'>, { folders: readonly string[]; stem: RegExp }>> = {
  // Jellyfin reads `-trailer`, `.trailer`, `_trailer` and ` trailer`; Plex, Emby and Kodi `-trailer`.
  trailer: { folders: ['trailers'], stem: /(?:^|[-._ ])trailer$/i },
  featurette: { folders: ['featurettes'], stem: /-featurette$/i },
  'behind-the-scenes': { folders: ['behind the scenes'], stem: /-behindthescenes$/i },
  clip: { folders: ['scenes', 'clips'], stem: /-(?:scene|clip)$/i },
  interview: { folders: ['interviews'], stem: /-interview$/i },
};

export const TEASER_WORD = /(?:^|[^\p{L}\p{N}])teaser(?:[^\p{L}\p{N}]|$)/iu;

/** Kodi/tinyMediaManager name a series' trailer `tvshow-trailer.<ext>`; Plex/Jellyfin read it too. */
export const SERIES_STEM = 'tvshow';

// Theme music: Plex plays `theme.mp3` in a TV show's folder; Jellyfin and Emby play the audio file
// named `theme` (Jellyfin compares that name case-sensitively) in a movie's or series' folder,
// and any audio inside its `theme-music/` folder. Never in a season folder: no server reads it there.
export const THEME_STEM = 'theme';
export const THEME_MUSIC_FOLDER = 'theme-music';
export const THEME_CONTAINER = 'mp3';

// Containers media servers play as video. Kodi's list is longer, but these cover what anyone
// saves a trailer as; subtitles, images and `.nfo` files must never count.
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  '3gp', 'avi', 'divx', 'flv', 'm2ts', 'm4v', 'mk3d', 'mkv', 'mov', 'mp4', 'mpeg', 'mpg',
  'mts', 'ogm', 'ogv', 'rm', 'rmvb', 'ts', 'vob', 'webm', 'wmv', 'xvid',
]);

/** Audio a theme song may be saved as (Plex reads only mp3; Jellyfin/Emby any of these). */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set(['aac', 'flac', 'm4a', 'mp3', 'oga', 'ogg', 'opus', 'wav', 'wma']);
