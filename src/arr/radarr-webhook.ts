// Radarr webhook bodies (Radarr 5.28 – 6.1; see test/fixtures/arr/REFERENCE.md §3).
// Only the fields the service acts on are validated strictly; see webhook-common.ts for why.
import { z } from 'zod';
import { posterImagesField } from './cover-images.ts';
import { originalLanguageField } from './release-facts.ts';
import { arrId, soft, softList } from './tolerant-json.ts';
import {
  deleteReasonField,
  deletedFilesField,
  envelopeFields,
  informationalEventSchemas,
  parseWebhookBody,
  webhookFile,
  webhookRenamedFile,
  type OtherWebhookEvent,
  type ParseResult,
} from './webhook-common.ts';

const radarrWebhookMovie = z.object({
  id: z.int().positive(),
  title: z.string(),
  year: arrId.optional(),
  // The movie folder as Radarr sees it. `movie.filePath` is never filled by Radarr, so it is not read.
  folderPath: z.string().min(1),
  tmdbId: arrId.optional(),
  imdbId: z.string().optional(),
  originalLanguage: originalLanguageField,
  // Radarr >= 5.8.1, Sonarr >= 4.0.5; older ones send none.
  images: posterImagesField,
  tags: soft(z.array(z.string())),
});

// Events we never act on keep the movie only for display; a broken one is dropped, not an error.
const softMovie = soft(radarrWebhookMovie);

const radarrSchemas = {
  Download: z.object({
    eventType: z.literal('Download'),
    ...envelopeFields,
    movie: radarrWebhookMovie,
    movieFile: webhookFile.optional(),
    isUpgrade: soft(z.boolean()),
    // On an upgrade: the files this import replaced (already deleted by Radarr).
    deletedFiles: softList(webhookFile),
    downloadClient: soft(z.string()),
    downloadId: soft(z.string()),
  }),
  Rename: z.object({
    eventType: z.literal('Rename'),
    ...envelopeFields,
    movie: radarrWebhookMovie,
    renamedMovieFiles: z.array(webhookRenamedFile).default([]),
  }),
  MovieAdded: z.object({
    eventType: z.literal('MovieAdded'),
    ...envelopeFields,
    movie: radarrWebhookMovie,
    addMethod: soft(z.string()),
  }),
  MovieDelete: z.object({
    eventType: z.literal('MovieDelete'),
    ...envelopeFields,
    movie: radarrWebhookMovie,
    ...deletedFilesField,
  }),
  MovieFileDelete: z.object({
    eventType: z.literal('MovieFileDelete'),
    ...envelopeFields,
    movie: softMovie,
    movieFile: soft(webhookFile),
    ...deleteReasonField,
  }),
  ...informationalEventSchemas({ movie: softMovie }),
} as const;

export type RadarrWebhookMovie = z.output<typeof radarrWebhookMovie>;
export type KnownRadarrWebhookEvent = z.output<(typeof radarrSchemas)[keyof typeof radarrSchemas]>;
export type RadarrWebhookEvent = KnownRadarrWebhookEvent | OtherWebhookEvent;
export const radarrEventTypes = Object.keys(radarrSchemas) as (keyof typeof radarrSchemas)[];

/** Validates a Radarr webhook body (already JSON-parsed). Never throws. */
export function parseRadarrWebhook(body: unknown): ParseResult<RadarrWebhookEvent> {
  return parseWebhookBody<KnownRadarrWebhookEvent>(body, radarrSchemas);
}
