// What a user may send to add or change a media server (JSON API and the settings form).
import { z } from 'zod';
import { name, pathMappings } from '../connections/connection-input.ts';
import { mediaServerKinds } from '../db/schema/outbound.ts';
import { keptOrNewSecret, secretText, serviceUrl } from '../outbound/secret-field.ts';

const kind = z.enum(mediaServerKinds, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be "plex", "jellyfin" or "emby"') });
const token = secretText.min(1, 'must not be empty (Plex: the X-Plex-Token; Jellyfin/Emby: Dashboard → API Keys)');
const flag = z.boolean({ error: 'must be true or false' });

export const createMediaServerSchema = z
  .object({
    name,
    kind,
    baseUrl: serviceUrl,
    token,
    enabled: flag.default(true),
    skipIfTrailer: flag.default(false),
    pathMappings: pathMappings.default([]),
  })
  .strict();
export type CreateMediaServerInput = z.output<typeof createMediaServerSchema>;

/** A partial change; a masked or omitted token keeps the stored one (same origin only). */
export const updateMediaServerSchema = z
  .object({
    name: name.optional(),
    kind: kind.optional(),
    baseUrl: serviceUrl.optional(),
    token: keptOrNewSecret.optional(),
    enabled: flag.optional(),
    skipIfTrailer: flag.optional(),
    pathMappings: pathMappings.optional(),
  })
  .strict();
export type UpdateMediaServerInput = z.output<typeof updateMediaServerSchema>;
