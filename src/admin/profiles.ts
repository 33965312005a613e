import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation } from '../db/db-errors.ts';
import { issuesOf } from './admin-schemas.ts';
import type { Db, Tx } from '../db/client.ts';
import { connections, trailerProfiles, trailers, type ProfileRow } from '../db/schema/index.ts';
import { writeSettings } from '../db/settings-store.ts';
import { AUDIO_CODECS, CONTAINERS, conversionProfileSchema, HWACCELS, PRESETS, VIDEO_CODECS } from '../media-tools/convert-plan.ts';
import { DEFAULT_PROFILE } from '../pipeline/trailer-profile.ts';
import { appliesToPatchSchema, slotDefaults, slotFields, slotRuleIssues, slotRuleIssuesOfRaw } from './profile-fields.ts';
import { pruneStaleSlots } from '../library/slot-pruning.ts';

// Profiles: what to fetch for which items (kind, scope, language rule, subtitles, applies to;
// `profile-fields.ts`) and how to convert it (container, codecs, size, quality). Conversion rules
// come from the conversion planner's own schema, so a profile saved here is one the pipeline can
// always run; theme music is always an MP3, so its conversion fields are stored but not checked.

const fields = {
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  container: z.enum(CONTAINERS, { error: `must be one of ${CONTAINERS.join(', ')}` }),
  videoCodec: z.enum(VIDEO_CODECS, { error: `must be one of ${VIDEO_CODECS.join(', ')}` }),
  audioCodec: z.enum(AUDIO_CODECS, { error: `must be one of ${AUDIO_CODECS.join(', ')}` }),
  maxHeight: z.int({ error: 'must be a whole number of pixels' }).min(144, 'at least 144').max(4320, 'at most 4320'),
  crf: z.int({ error: 'must be a whole number' }).min(0, 'at least 0').max(63, 'at most 63'),
  preset: z.enum(PRESETS, { error: `must be one of ${PRESETS.join(', ')}` }),
  hwaccel: z.enum(HWACCELS, { error: `must be one of ${HWACCELS.join(', ')}` }),
  isDefault: z.boolean({ error: 'must be true or false' }),
  ...slotFields,
};

/** A new profile starts as the pipeline's own default (mkv / h264 / aac / 1080p), not marked default. */
const { name: _name, ...defaultFields } = DEFAULT_PROFILE;
export const profileDefaults = { ...defaultFields, isDefault: false, ...slotDefaults } as const;

/** A whole profile (create, or an update merged over the stored one). */
export const profileSchema = z.strictObject(fields).superRefine((profile, ctx) => {
  for (const issue of slotRuleIssues(profile)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  if (profile.kind === 'theme-music') return;
  const check = conversionProfileSchema.safeParse(profile);
  if (!check.success) for (const issue of check.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const profileCreateSchema = z.strictObject({
  name: fields.name,
  container: fields.container.default(profileDefaults.container),
  videoCodec: fields.videoCodec.default(profileDefaults.videoCodec),
  audioCodec: fields.audioCodec.default(profileDefaults.audioCodec),
  maxHeight: fields.maxHeight.default(profileDefaults.maxHeight),
  crf: fields.crf.default(profileDefaults.crf),
  preset: fields.preset.default(profileDefaults.preset),
  hwaccel: fields.hwaccel.default(profileDefaults.hwaccel),
  isDefault: fields.isDefault.default(false),
  kind: fields.kind.default(slotDefaults.kind),
  scope: fields.scope.default(slotDefaults.scope),
  languageRule: fields.languageRule.default(slotDefaults.languageRule),
  subtitles: fields.subtitles.default(slotDefaults.subtitles),
  appliesTo: fields.appliesTo.default(slotDefaults.appliesTo),
  enabled: fields.enabled.default(slotDefaults.enabled),
});
/**
 * An update is partial at every level: fields not sent keep their stored value, and so do the
 * lists of `appliesTo` not sent (sending `appliesTo: { tags: [...] }` changes only the tags).
 */
export const profileUpdateSchema = z.strictObject({ ...fields, appliesTo: appliesToPatchSchema }).partial();

export type ProfileResult =
  | { ok: true; profile: ProfileRow }
  | { ok: false; status: 400 | 404 | 409; error: string; message: string; issues?: Array<{ path: string; message: string }> };

export function listProfiles(db: Db): Promise<ProfileRow[]> {
  return db.select().from(trailerProfiles).orderBy(asc(trailerProfiles.name));
}

export async function getProfile(db: Db, id: number): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(trailerProfiles).where(eq(trailerProfiles.id, id));
  return row;
}

/** The 400: the refused fields, and the rules between fields that the profile as sent breaks too. */
function invalid(error: z.ZodError, whole?: unknown): ProfileResult {
  const issues = issuesOf(error);
  for (const rule of whole === undefined ? [] : slotRuleIssuesOfRaw(whole)) {
    if (!issues.some((issue) => issue.path === rule.path && issue.message === rule.message)) issues.push(rule);
  }
  return { ok: false, status: 400, error: 'invalid_request', message: 'The profile is not valid.', issues };
}

const duplicate = (name: string): ProfileResult => ({
  ok: false,
  status: 409,
  error: 'conflict',
  message: `A profile named "${name}" exists already (names are compared ignoring case).`,
});

/** Connection ids of "applies to" that name no connection: each a 400 beside the field. */
async function unknownConnections(db: Db, ids: readonly number[]): Promise<ProfileResult | undefined> {
  if (ids.length === 0) return undefined;
  const found = new Set((await db.select({ id: connections.id }).from(connections).where(inArray(connections.id, [...ids]))).map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return undefined;
  const message = `No connection with id ${missing.join(', ')}; choose from your Radarr and Sonarr connections.`;
  return { ok: false, status: 400, error: 'invalid_request', message: 'The profile is not valid.', issues: [{ path: 'appliesTo.connectionIds', message }] };
}

/** "default" beside "Default" would be two profiles no one can tell apart in a list. */
async function nameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: trailerProfiles.id })
    .from(trailerProfiles)
    .where(sql`lower(${trailerProfiles.name}) = lower(${name}) and ${trailerProfiles.id} <> ${exceptId ?? 0}`);
  return rows.length > 0;
}

/** Marks one profile as the default: the flag on the rows and the `defaultProfileId` setting agree. */
async function makeDefault(db: Db | Tx, id: number): Promise<void> {
  await db.update(trailerProfiles).set({ isDefault: false }).where(ne(trailerProfiles.id, id));
  await db.update(trailerProfiles).set({ isDefault: true }).where(eq(trailerProfiles.id, id));
  await writeSettings(db, { defaultProfileId: id });
}

export async function createProfile(db: Db, input: unknown): Promise<ProfileResult> {
  const parsed = profileCreateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, { ...slotDefaults, ...(typeof input === 'object' ? input : {}) });
  // The first profile becomes the default, so it is held to the default's rules.
  const first = (await listProfiles(db)).length === 0;
  const whole = profileSchema.safeParse({ ...parsed.data, isDefault: parsed.data.isDefault || first });
  if (!whole.success) return invalid(whole.error, { ...parsed.data, isDefault: parsed.data.isDefault || first });
  const unknown = await unknownConnections(db, whole.data.appliesTo.connectionIds);
  if (unknown) return unknown;
  if (await nameTaken(db, whole.data.name)) return duplicate(whole.data.name);
  try {
    const [row] = await db.insert(trailerProfiles).values({ ...whole.data, isDefault: false }).returning();
    if (!row) throw new Error('insert returned no row');
    if (whole.data.isDefault || first) await makeDefault(db, row.id);
    return { ok: true, profile: (await getProfile(db, row.id)) ?? row };
  } catch (err) {
    if (isUniqueViolation(err)) return duplicate(whole.data.name);
    throw err;
  }
}

export async function updateProfile(db: Db, id: number, input: unknown): Promise<ProfileResult> {
  const current = await getProfile(db, id);
  const parsed = profileUpdateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, current && typeof input === 'object' ? { ...current, ...input } : undefined);
  if (!current) return { ok: false, status: 404, error: 'not_found', message: `No profile with id ${id}` };
  const { id: _id, ...stored } = current;
  const { appliesTo: appliesToSent, ...sent } = parsed.data;
  const appliesTo = { ...stored.appliesTo, ...Object.fromEntries(Object.entries(appliesToSent ?? {}).filter(([, value]) => value !== undefined)) };
  const whole = profileSchema.safeParse({ ...stored, ...sent, appliesTo });
  if (!whole.success) return invalid(whole.error);
  if (current.isDefault && whole.data.isDefault === false) {
    return { ok: false, status: 409, error: 'conflict', message: 'Make another profile the default instead; one profile is always the default.' };
  }
  const unknown = await unknownConnections(db, whole.data.appliesTo.connectionIds);
  if (unknown) return unknown;
  if (await nameTaken(db, whole.data.name, id)) return duplicate(whole.data.name);
  try {
    // The saved profile and the slot rows it no longer plans change together (library counts and
    // the "missing <kind>" filter read those rows).
    await db.transaction(async (tx) => {
      await tx.update(trailerProfiles).set({ ...whole.data, isDefault: current.isDefault }).where(eq(trailerProfiles.id, id));
      if (whole.data.isDefault && !current.isDefault) await makeDefault(tx, id);
      await pruneStaleSlots(tx);
    });
    return { ok: true, profile: (await getProfile(db, id))! };
  } catch (err) {
    if (isUniqueViolation(err)) return duplicate(whole.data.name);
    throw err;
  }
}

export async function deleteProfile(db: Db, id: number): Promise<ProfileResult> {
  const current = await getProfile(db, id);
  if (!current) return { ok: false, status: 404, error: 'not_found', message: `No profile with id ${id}` };
  if (current.isDefault) {
    return { ok: false, status: 409, error: 'conflict', message: `"${current.name}" is the default profile; make another one the default first.` };
  }
  // Its files stay on disk either way; a deleted profile would leave them with no slot to show,
  // rename or delete them by. Disabling keeps them listed on the item pages.
  const [present] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trailers)
    .where(and(eq(trailers.profileId, id), eq(trailers.state, 'present')));
  if ((present?.n ?? 0) > 0) {
    return {
      ok: false,
      status: 409,
      error: 'has_files',
      message: `"${current.name}" still has ${present!.n} file${present!.n === 1 ? '' : 's'} on disk: disable it instead, or delete its files first.`,
    };
  }
  // Its slot rows go with it (the foreign key cascades): no file of it is left, so none is stale.
  await db.delete(trailerProfiles).where(eq(trailerProfiles.id, id));
  return { ok: true, profile: current };
}
