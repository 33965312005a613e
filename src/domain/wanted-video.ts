import { z } from 'zod';
import { EXTRA_KINDS, KIND_NOUN, type ExtraKind } from './extra-kinds.ts';

// What one slot of an item wants: a kind of video (trailer, featurette, theme music, …) and, for a
// series, optionally one season ("season 2 trailer"). Every source, search query and ranking rule
// is chosen from this value; the trailer of the whole item is the default, so callers that know
// nothing of kinds behave as before.

export interface Wanted {
  kind: ExtraKind;
  /** A season of a series (1 and up); absent for the whole item. */
  season?: number | undefined;
}

export const WANTED_TRAILER: Wanted = Object.freeze({ kind: 'trailer' });

/** Highest season number accepted (no real series comes near; the bound keeps queries sane). */
export const MAX_SEASON = 999;

/** The value as it crosses a boundary (job payload, API body). */
export const wantedSchema = z.strictObject({
  kind: z.enum(EXTRA_KINDS),
  season: z.number().int().min(1).max(MAX_SEASON).optional(),
});

/** The trailer of the whole item: the only thing Radarr's `youTubeTrailerId` can supply. */
export function isWholeItemTrailer(wanted: Wanted): boolean {
  return wanted.kind === 'trailer' && wanted.season === undefined;
}

/** Kinds ranked with the trailer rules (the user's duration settings, "says trailer"). */
export function isTrailerLike(wanted: Wanted): boolean {
  return wanted.kind === 'trailer' || wanted.kind === 'teaser';
}

/** For reasons and notes: "featurette", "season 2 trailer". */
export function describeWanted(wanted: Wanted): string {
  const name = KIND_NOUN[wanted.kind];
  return wanted.season !== undefined ? `season ${wanted.season} ${name}` : name;
}

/** "a featurette", "an interview". */
export function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}
