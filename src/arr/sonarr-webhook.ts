// Sonarr webhook bodies (Sonarr v4.0.x, tolerant of the v5 additions; see
// test/fixtures/arr/REFERENCE.md §4). Only the fields the service acts on are strict.
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

const sonarrWebhookSeries = z.object({
  id: z.int().positive(),
  title: z.string(),
  year: arrId.optional(),
  // The series folder as Sonarr sees it.
  path: z.string().min(1),
  tvdbId: arrId.optional(),
  tmdbId: arrId.optional(),
  imdbId: z.string().optional(),
  type: soft(z.string()),
  originalLanguage: originalLanguageField,
  // Radarr >= 5.8.1, Sonarr >= 4.0.5; older ones send none.
  images: posterImagesField,
  tags: soft(z.array(z.string())),
});

const softSeries = soft(sonarrWebhookSeries);

const sonarrSchemas = {
  // One eventType, two shapes: a per-file import carries `episodeFile` (+ isUpgrade, deletedFiles);
  // "On Import Complete" carries `episodeFiles[]` and none of those. The action needs neither.
  Download: z.object({
    eventType: z.literal('Download'),
    ...envelopeFields,
    series: sonarrWebhookSeries,
    episodeFile: soft(webhookFile),
    episodeFiles: softList(webhookFile),
    isUpgrade: soft(z.boolean()),
    deletedFiles: softList(webhookFile),
    downloadClient: soft(z.string()),
    downloadId: soft(z.string()),
  }),
  Rename: z.object({
    eventType: z.literal('Rename'),
    ...envelopeFields,
    series: sonarrWebhookSeries,
    renamedEpisodeFiles: z.array(webhookRenamedFile).default([]),
  }),
  SeriesAdd: z.object({ eventType: z.literal('SeriesAdd'), ...envelopeFields, series: sonarrWebhookSeries }),
  SeriesDelete: z.object({
    eventType: z.literal('SeriesDelete'),
    ...envelopeFields,
    series: sonarrWebhookSeries,
    ...deletedFilesField,
  }),
  EpisodeFileDelete: z.object({
    eventType: z.literal('EpisodeFileDelete'),
    ...envelopeFields,
    series: softSeries,
    episodeFile: soft(webhookFile),
    ...deleteReasonField,
  }),
  ...informationalEventSchemas({ series: softSeries }),
} as const;

export type SonarrWebhookSeries = z.output<typeof sonarrWebhookSeries>;
export type KnownSonarrWebhookEvent = z.output<(typeof sonarrSchemas)[keyof typeof sonarrSchemas]>;
export type SonarrWebhookEvent = KnownSonarrWebhookEvent | OtherWebhookEvent;
export const sonarrEventTypes = Object.keys(sonarrSchemas) as (keyof typeof sonarrSchemas)[];

/** Validates a Sonarr webhook body (already JSON-parsed). Never throws. */
export function parseSonarrWebhook(body: unknown): ParseResult<SonarrWebhookEvent> {
  return parseWebhookBody<KnownSonarrWebhookEvent>(body, sonarrSchemas);
}
