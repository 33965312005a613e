// What a database error means, however the driver (postgres.js, PGlite) and drizzle wrap it.

/** Postgres' unique_violation (23505), anywhere in the `cause` chain. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
