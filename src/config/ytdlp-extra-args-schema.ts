import { z } from 'zod';
import { checkYtdlpExtraArgs } from '../media-tools/ytdlp-extra-args.ts';

/** The yt-dlp extra arguments setting: refused at save (naming the option) unless every option is allowed. */
export const ytdlpExtraArgsSchema = z
  .array(z.string().max(500))
  .max(50)
  .superRefine((args, ctx) => {
    const check = checkYtdlpExtraArgs(args);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  });
