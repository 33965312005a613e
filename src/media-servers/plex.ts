// Plex: the token in X-Plex-Token, JSON replies (Accept). A refresh is a partial scan of the
// item's folder in the library section whose location holds it:
// GET /library/sections/{key}/refresh?path=<folder>. Trailers are extras of subtype "trailer".
import { z } from 'zod';
import { serverPathWithin } from '../domain/server-path.ts';
import { OutboundError, replyJson, sendOutbound, serverUrl } from '../outbound/outbound-http.ts';
import type { MediaServerClient, MediaServerTarget, RefreshChange, TrailerLookup } from './media-server-client.ts';

const container = <T extends z.ZodType>(inner: T) => z.object({ MediaContainer: inner });

const rootSchema = container(z.object({ friendlyName: z.string().default('Plex'), version: z.string().default('unknown') }));
const sectionsSchema = container(
  z.object({
    Directory: z
      .array(z.object({ key: z.string(), type: z.string().default(''), title: z.string().default(''), Location: z.array(z.object({ path: z.string() })).default([]) }))
      .default([]),
  }),
);
const itemsSchema = container(
  z.object({
    Metadata: z
      .array(
        z.object({
          ratingKey: z.string(),
          title: z.string().default(''),
          year: z.number().optional(),
          Media: z.array(z.object({ Part: z.array(z.object({ file: z.string().optional() })).default([]) })).default([]),
          Location: z.array(z.object({ path: z.string() })).default([]),
        }),
      )
      .default([]),
  }),
);
const extrasSchema = container(z.object({ Metadata: z.array(z.object({ subtype: z.string().optional(), extraType: z.number().optional() })).default([]) }));

type Section = z.output<typeof sectionsSchema>['MediaContainer']['Directory'][number];

export function plexClient(target: MediaServerTarget): MediaServerClient {
  const get = async <S extends z.ZodType>(path: string, schema: S, query?: Record<string, string>): Promise<z.output<S>> => {
    const reply = await sendOutbound({
      method: 'GET',
      url: serverUrl(target.baseUrl, path, query),
      headers: { 'X-Plex-Token': target.token, Accept: 'application/json', 'X-Plex-Product': 'Previewarr', 'X-Plex-Client-Identifier': 'previewarr' },
      secrets: [target.token],
      ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    });
    const parsed = schema.safeParse(replyJson(reply, `Plex "${target.name}"`));
    if (!parsed.success) throw new OutboundError('unexpected-reply', `Plex "${target.name}": ${path} did not answer like Plex`);
    return parsed.data;
  };
  const sections = async () => (await get('/library/sections', sectionsSchema)).MediaContainer.Directory;
  const sectionOf = (all: Section[], folder: string) => all.find((section) => section.Location.some((location) => serverPathWithin(folder, location.path)));

  return {
    async identify() {
      const root = await get('/', rootSchema);
      return { name: root.MediaContainer.friendlyName, version: root.MediaContainer.version };
    },

    async refresh(changes: readonly RefreshChange[]) {
      const all = await sections();
      const problems: string[] = [];
      for (const folder of new Set(changes.map((change) => change.folder))) {
        const section = sectionOf(all, folder);
        if (!section) {
          problems.push(`no Plex library holds ${folder}: check the path mappings`);
          continue;
        }
        await sendOutbound({
          method: 'GET',
          url: serverUrl(target.baseUrl, `/library/sections/${encodeURIComponent(section.key)}/refresh`, { path: folder }),
          headers: { 'X-Plex-Token': target.token },
          secrets: [target.token],
        });
      }
      return problems;
    },

    async listsTrailer(item: TrailerLookup) {
      const section = sectionOf(await sections(), item.folder);
      if (!section) return false;
      const type = item.kind === 'movie' ? '1' : '2';
      const listed = await get(`/library/sections/${encodeURIComponent(section.key)}/all`, itemsSchema, { type });
      const match = listed.MediaContainer.Metadata.find(
        (entry) =>
          entry.Media.some((media) => media.Part.some((part) => part.file !== undefined && serverPathWithin(part.file, item.folder))) ||
          entry.Location.some((location) => serverPathWithin(location.path, item.folder)),
      );
      if (!match) return false;
      const extras = await get(`/library/metadata/${encodeURIComponent(match.ratingKey)}/extras`, extrasSchema);
      return extras.MediaContainer.Metadata.some((extra) => extra.subtype === 'trailer' || extra.extraType === 1);
    },
  };
}
