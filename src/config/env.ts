import { z } from 'zod';
import { parseTrustedProxies } from '../auth/client-address.ts';

// Every setting that must be known before the database is reachable comes from the environment
// and is checked here, once, before anything starts. Settings a user edits live in the database.
const intIn = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
// 0 asks the OS for a free port (tests and benchmarks use it).
const port = intIn(0, 65535);

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z
  .object({
    PORT: port.default(7880),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be all, web or worker' }).default('all'),
    LOG_LEVEL: z
      .enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` })
      .default('info'),
    /** `pretty` prints readable coloured lines for a terminal; `json` (one object per line) for log collectors. */
    LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
    API_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 letters, digits, "-" or "_"')
      .optional(),
    FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
    FFPROBE_PATH: z.string().min(1).default('ffprobe'),
    YTDLP_PATH: z.string().min(1).default('yt-dlp'),
    /** Managed yt-dlp in DATA_DIR/bin: off (use YTDLP_PATH), or kept current from a release channel. */
    YTDLP_UPDATES: z.enum(['off', 'stable', 'nightly'], { error: 'must be off, stable or nightly' }).default('off'),
    /** Release folder holding `yt-dlp` and `SHA2-256SUMS` (a mirror); defaults to the channel's GitHub release. */
    YTDLP_RELEASE_URL: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
      .optional(),
    /** A PO-token provider plugin folder (e.g. bgutil's), handed to yt-dlp as `--plugin-dirs`. */
    YTDLP_PLUGIN_DIR: z
      .string()
      .refine((value) => value.startsWith('/') && !/[\0-\x1f]/.test(value), 'must be an absolute path')
      .optional(),
    TRAILER_URL_TEMPLATE: z
      .string()
      .regex(/^https?:\/\/.*\{id\}/, 'must be an http(s) URL containing {id}')
      .default('https://www.youtube.com/watch?v={id}'),
    /** TMDB API base (tests point it at a local server); used only when a TMDB key is set. */
    TMDB_API_URL: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
      .default('https://api.themoviedb.org/3'),
    WORKER_CONCURRENCY: intIn(1, 32).default(2),
    FFMPEG_CONCURRENCY: intIn(1, 16).default(1),
    SHUTDOWN_GRACE_SECONDS: intIn(0, 3600).default(30),
    /** Backups of the embedded database kept in DATA_DIR/backups (0 turns them off). */
    BACKUP_KEEP: intIn(0, 365).default(7),
    /** Media-server refreshes wait this long so a burst becomes one call per folder (and the first retry). */
    MEDIA_REFRESH_DELAY_SECONDS: intIn(0, 3600).default(10),
    /** Notifications are collected this long; more than a few become one summary (and the first retry). */
    NOTIFY_BATCH_SECONDS: intIn(0, 3600).default(30),
    PUID: intIn(0, 2 ** 31 - 1).optional(),
    PGID: intIn(0, 2 ** 31 - 1).optional(),
    /** Path prefix when served behind a reverse proxy under a sub-path (`/previewarr`); empty for none. */
    URL_BASE: z
      .string()
      .regex(/^\/$|^(\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)+\/?$/, 'must be a path like /previewarr (letters, digits, "-", "_", ".", "~")')
      .transform((base) => base.replace(/\/+$/, ''))
      .default(''),
    /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges); none by default. */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .refine((text) => parseTrustedProxies(text).ok, 'must be IP addresses or CIDR ranges (like 172.18.0.0/16), separated by commas'),
    UMASK: z
      .string()
      .regex(/^0?[0-7]{3}$/, 'must be an octal mask like 022 or 002')
      .default('022'),
  })
  .superRefine((env, ctx) => {
    // One PGlite directory can only be opened by one process, so splitting roles needs Postgres.
    if (env.ROLE !== 'all' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['ROLE'],
        message: `ROLE=${env.ROLE} needs DATABASE_URL (the embedded database allows one process only)`,
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; blank values count as unset, like most container tooling. */
/** For the command-line entry points: the environment, or each problem printed and exit 1. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape ?? {})) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const got = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      return `${name}: ${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`;
    }),
  );
}
