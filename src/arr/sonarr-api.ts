// Sonarr v3 API resources, reduced to what sync reads. Sonarr has no trailer field; the ids are
// for looking one up elsewhere. See test/fixtures/arr/REFERENCE.md §6.
import { z } from 'zod';
import { posterImagesField } from './cover-images.ts';
import { sonarrReleaseFields } from './release-facts.ts';
import { arrId, idOrNone, softList, textOrNone } from './tolerant-json.ts';

export const sonarrSeriesSchema = z
  .object({
    id: z.int().positive(),
    title: z.string(),
    year: arrId.default(0),
    // The series folder.
    path: z.string().min(1),
    monitored: z.boolean().default(true),
    tvdbId: idOrNone,
    tmdbId: idOrNone,
    imdbId: textOrNone,
    /** Tag ids; /tag names them. */
    tags: softList(z.int().positive()),
    /** Season 0 is the specials, which get no season-scoped file (domain/slot-plan.ts `slotSeasons`). */
    seasons: softList(z.object({ seasonNumber: z.int().min(0).max(1000), monitored: z.boolean().default(false) })),
    images: posterImagesField,
    statistics: z.object({ episodeFileCount: arrId.default(0) }).optional(),
    ...sonarrReleaseFields,
  })
  .transform(({ statistics, ...series }) => ({ ...series, episodeFileCount: statistics?.episodeFileCount ?? 0 }));
export type SonarrSeries = z.output<typeof sonarrSeriesSchema>;
