// Zod fields for JSON printed by tools that add, drop and null fields between versions: a value
// of the wrong kind reads as absent instead of failing the whole record.
import { z } from 'zod';

export const optionalNumber = z
  .number()
  .nonnegative()
  .nullish()
  .catch(undefined)
  .transform((value) => value ?? undefined);

/** Blank strings count as absent too. */
export const optionalText = z
  .string()
  .nullish()
  .catch(undefined)
  .transform((value) => (value === null || value === undefined || value.trim() === '' ? undefined : value));
