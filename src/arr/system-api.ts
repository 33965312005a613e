// v3 API resources both apps serve in the same shape: /system/status and /rootfolder.
import { z } from 'zod';
import { soft } from './tolerant-json.ts';

export const systemStatusSchema = z.object({
  // "Radarr" or "Sonarr": how a connection tells which app it reached.
  appName: z.string().min(1),
  instanceName: soft(z.string()),
  version: z.string().min(1),
  urlBase: soft(z.string()),
});
export type ArrSystemStatus = z.output<typeof systemStatusSchema>;

export const rootFolderSchema = z.object({
  id: z.int().positive(),
  path: z.string().min(1),
  accessible: z.boolean().default(true),
  freeSpace: soft(z.number()),
});
export type ArrRootFolder = z.output<typeof rootFolderSchema>;

/** /tag: the labels behind the tag ids a movie or series lists (profiles apply by label). */
export const tagSchema = z.object({
  id: z.int().positive(),
  label: z.string().min(1).max(200),
});
export type ArrTag = z.output<typeof tagSchema>;
