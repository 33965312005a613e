// Radarr v3 API resources, reduced to what sync and the trailer pipeline read. Unknown keys are
// dropped; see test/fixtures/arr/REFERENCE.md §6 for the full shapes.
import { z } from 'zod';
import { posterImagesField } from './cover-images.ts';
import { radarrReleaseFields } from './release-facts.ts';
import { arrId, idOrNone, soft, softList, textOrNone } from './tolerant-json.ts';

export const radarrMovieFileSchema = z.object({
  id: z.int().positive(),
  movieId: soft(z.int()),
  relativePath: z.string().min(1),
  path: z.string().min(1),
});
export type RadarrMovieFile = z.output<typeof radarrMovieFileSchema>;

export const radarrMovieSchema = z.object({
  id: z.int().positive(),
  // Translated to the configured metadata language; originalTitle is the untranslated one.
  title: z.string(),
  originalTitle: soft(z.string()),
  year: arrId.default(0),
  // The movie folder (same value as folderName).
  path: z.string().min(1),
  hasFile: z.boolean().default(false),
  movieFile: radarrMovieFileSchema.partial({ id: true }).optional(),
  // Radarr always sends it; if a proxy drops it, serving the movie beats silently ignoring it.
  monitored: z.boolean().default(true),
  tmdbId: idOrNone,
  imdbId: textOrNone,
  youTubeTrailerId: textOrNone,
  /** Tag ids; /tag names them. */
  tags: softList(z.int().positive()),
  // The poster: the Arr's copy and TMDB's original (see domain/poster-image.ts).
  images: posterImagesField,
  alternateTitles: softList(z.object({ title: z.string() })).transform((titles) => titles.map((t) => t.title)),
  ...radarrReleaseFields,
});
export type RadarrMovie = z.output<typeof radarrMovieSchema>;
