// What a database error means, however the driver (postgres.js, PGlite) and drizzle wrap it.

/** Postgres' unique_violation (23505), anywhere in the `cause` chain; of that constraint or index when named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: driverName } = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint || driverName === constraint || String(current).includes(constraint);
  }
  return false;
}

/** Postgres' foreign_key_violation (23503) anywhere in the `cause` chain: a row referred to was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23503') return true;
  }
  return false;
}
