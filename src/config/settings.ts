import { z } from 'zod';
import { rankingSettingsShape } from './ranking-settings.ts';
import { languageCodeSchema } from '../domain/language-code.ts';
import { ytdlpExtraArgsSchema } from './ytdlp-extra-args-schema.ts';

// Settings a user edits in the UI or over the API, stored one row per key. Each key has a zod
// schema with its default, so a stored value from an older version is still read safely.
export const settingsSchema = z.object({
  /** Which library items get a trailer without being imported fresh. */
  backfillPolicy: z.enum(['all', 'monitored', 'with-files']).default('monitored'),
  /** Hours between scheduled reconciles of every connection (0 turns the schedule off). */
  reconcileIntervalHours: z.number().int().min(0).max(168).default(6),
  /** `beside`: `<movie>-trailer.mkv` next to the file; `trailers-folder`: a `Trailers/` folder. */
  trailerLayout: z.enum(['beside', 'trailers-folder']).default('beside'),
  /** When a trailer we placed disappears from disk: fetch it again, or respect the deletion. */
  deletedTrailerPolicy: z.enum(['refetch', 'respect']).default('respect'),
  preferredLanguages: z.array(languageCodeSchema).max(20).default(['en']),
  excludeKeywords: z.array(z.string().min(1).max(100)).max(100).default([]),
  preferredChannels: z.array(z.string().min(1).max(100)).max(100).default([]),
  ...rankingSettingsShape,
  minDurationSeconds: z.number().int().min(0).max(3600).default(30),
  maxDurationSeconds: z.number().int().min(10).max(3600).default(300),
  searchResultCount: z.number().int().min(1).max(50).default(10),
  maxFileSizeMb: z.number().int().min(1).max(20_000).default(500),
  downloadTimeoutSeconds: z.number().int().min(10).max(86_400).default(900),
  /** Parallel downloads (overrides WORKER_CONCURRENCY when set) and parallel ffmpeg runs. */
  workerConcurrency: z.number().int().min(1).max(32).optional(),
  ffmpegConcurrency: z.number().int().min(1).max(16).optional(),
  tmdbApiKey: z.string().max(200).optional(),
  /** Path of an uploaded Netscape cookies file for yt-dlp. */
  cookiesFile: z.string().max(4096).optional(),
  ytdlpExtraArgs: ytdlpExtraArgsSchema.default([]),
  defaultProfileId: z.number().int().positive().optional(),
  /** Like the Arr apps' "Disabled for Local Addresses". */
  authDisabledForLocalAddresses: z.boolean().default(false),
  /** /metrics readable without the API key (for a Prometheus on a trusted network). */
  metricsWithoutApiKey: z.boolean().default(false),
  /** Pasted links may name this machine or private network addresses (self-hosted sources); link-local never. */
  allowPrivateSourceUrls: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsKey = keyof Settings;

export const defaultSettings: Settings = settingsSchema.parse({});

/** Settings keys whose values are secrets: masked in API replies and pages. */
export const secretSettingKeys: SettingsKey[] = ['tmdbApiKey'];
