// What a database error means, however the driver (postgres.js, PGlite) and drizzle wrap it.

/** Postgres' unique_violation (23505), anywhere in the `cause` chain; of that constraint or index when named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: driverName } = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint || driverName === constraint || String(current).includes(constraint);
  }
  return false;
}

/** Every `code` along the error and what it wraps (drizzle's "Failed query" keeps the driver's error as `cause`). */
export function databaseErrorCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let current = err, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Postgres' foreign_key_violation (23503) anywhere in the `cause` chain: a row referred to was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return databaseErrorCodes(error).includes('23503');
}
