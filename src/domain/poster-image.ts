// The poster an Arr reports for an item (`images[]` of a Radarr movie or Sonarr series, in the
// API and in webhook bodies). Two facts are kept, both checked here because both come from a
// reply anyone on the Arr's side could shape:
// - `remoteUrl` (TMDB/TVDB): handed to Discord, which fetches it itself; never loaded by a browser
//   of ours. Only a plain https URL with a host and no credentials.
// - `url`, the Arr's own copy: `{UrlBase}/MediaCover/{id}/poster.jpg?lastWrite={ticks}` (Radarr
//   MediaCoverService.ConvertToLocalUrls; Sonarr the same). Kept as `/MediaCover/{id}/poster.jpg…`
//   without the URL base: our poster proxy asks the Arr's API for that id, so the prefix says
//   nothing we need, and `lastWrite` changes when the Arr replaces the poster (a new cache entry).
import { hasControlCharacter } from './control-characters.ts';

export const MAX_POSTER_URL_LENGTH = 2048;

export type PosterFacts = { posterRemoteUrl?: string; posterPath?: string };

/** One entry of an Arr's `images[]`, as read leniently (any field may be missing). */
export type ArrImage = { coverType?: string | undefined; url?: string | undefined; remoteUrl?: string | undefined };

/** The remote poster URL when it is safe to pass on, else undefined. */
export function safePosterRemoteUrl(text: string | undefined): string | undefined {
  if (text === undefined || text.length === 0 || text.length > MAX_POSTER_URL_LENGTH) return undefined;
  if (hasControlCharacter(text) || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

// Optional URL base (plain path segments, never `.` or `..`), then the Arr's cover folder for one item's poster.
const ARR_POSTER_PATH = /^(?:\/(?!\.+\/)[A-Za-z0-9._~-]+)*(\/MediaCover\/([1-9]\d{0,9})\/poster\.jpg)(\?lastWrite=\d{1,20})?$/;

/** The Arr-relative poster path without its URL base (`/MediaCover/42/poster.jpg?lastWrite=…`), or undefined. */
export function arrPosterPath(text: string | undefined): string | undefined {
  if (text === undefined || text.length > MAX_POSTER_URL_LENGTH) return undefined;
  const match = ARR_POSTER_PATH.exec(text);
  if (!match) return undefined;
  return `${match[1]}${match[3] ?? ''}`;
}

/** The Arr item id a stored poster path names, or undefined when it is not one of ours. */
export function posterPathArrId(path: string): number | undefined {
  const match = ARR_POSTER_PATH.exec(path);
  return match && path.startsWith('/MediaCover/') ? Number(match[2]) : undefined;
}

/** The poster facts of an item's `images[]`: the first `poster` entry, each field kept only when valid. */
export function posterFacts(images: readonly ArrImage[] | undefined): PosterFacts {
  const poster = images?.find((image) => image.coverType === 'poster');
  if (!poster) return {};
  const facts: PosterFacts = {};
  const remote = safePosterRemoteUrl(poster.remoteUrl);
  if (remote !== undefined) facts.posterRemoteUrl = remote;
  const path = arrPosterPath(poster.url);
  if (path !== undefined) facts.posterPath = path;
  return facts;
}

export const posterContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PosterContentType = (typeof posterContentTypes)[number];
export type PosterImage = { bytes: Buffer; contentType: PosterContentType };

/** What the bytes are, from their first bytes; never from a header or a name. */
export function sniffPosterType(bytes: Buffer): PosterContentType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

