import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { COMBINING_MARKS_CLASS, foldForSearch, STROKE_LETTERS } from '../domain/search-fold.ts';
import { containsPattern } from './admin-schemas.ts';

/**
 * The SQL twin of foldForSearch for a stored column: `normalize()` is core PostgreSQL (13+) and
 * works in PGlite too, unlike the `unaccent` extension, so no stored copy of the titles is needed.
 */
function folded(column: AnyColumn): SQL {
  return sql`lower(translate(regexp_replace(normalize(coalesce(${column}, ''), NFKD), ${COMBINING_MARKS_CLASS}, '', 'g'), ${STROKE_LETTERS.from}, ${STROKE_LETTERS.to}))`;
}

/** `column` contains what the user typed, ignoring case, accents and Unicode normal form. */
export function foldedContains(column: AnyColumn, typed: string): SQL {
  return sql`${folded(column)} like ${containsPattern(foldForSearch(typed))}`;
}
