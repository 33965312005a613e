// What a yt-dlp search or download may be asked: checked with zod before any process starts.
import path from 'node:path';
import { z } from 'zod';
import { MediaToolError } from './media-tool-error.ts';
import { MAX_SUBTITLE_LANGUAGES, subtitleLanguageProblem } from './subtitle-language.ts';

function refuseBadLanguage(code: string, ctx: z.RefinementCtx): void {
  const problem = subtitleLanguageProblem(code);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}

const absolutePath = z
  .string()
  .refine((value) => path.isAbsolute(value), 'must be an absolute path')
  .refine((value) => !value.includes('\0'), 'must not contain NUL bytes');

export const downloadRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  outputPath: absolutePath.refine((value) => !value.endsWith(path.sep), 'must name a file, not a folder'),
  maxHeight: z.int().min(144).max(4320),
  maxFilesizeBytes: z.int().positive(),
  maxDurationSeconds: z.number().positive(),
  timeoutMs: z.int().positive(),
  audioOnly: z.boolean().optional(),
  cookiesFile: absolutePath.optional(),
  extraArgs: z.array(z.string().refine((value) => !value.includes('\0'), 'must not contain NUL bytes')).optional(),
  subtitles: z
    .object({
      // Each checked here, before anything runs: yt-dlp reads them as regular expressions.
      languages: z
        .array(z.string().superRefine(refuseBadLanguage))
        .max(MAX_SUBTITLE_LANGUAGES)
        .transform((languages) => [...new Set(languages)]),
      automatic: z.boolean(),
    })
    .optional(),
});

export const searchRequestSchema = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(300),
  count: z.int().min(1).max(50),
});

export function invalid(what: string, error: z.ZodError): MediaToolError {
  const detail = error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ');
  return new MediaToolError(`invalid yt-dlp ${what}: ${detail}`, { tool: 'yt-dlp', failure: 'invalid-request' });
}
