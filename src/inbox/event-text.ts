// Text that goes into the events log. Much of it comes from the sender (event type, instance
// name, reasons that quote them): Postgres text cannot hold NUL, and the log shows a line, not a
// megabyte, so every such value passes through here.

/** No NUL (shown as U+FFFD), at most `maxLength` characters; absence passes through as null. */
export function displayText(value: string | undefined | null, maxLength = 200): string | null {
  if (value === undefined || value === null) return null;
  const cleaned = value.replaceAll('\0', '\uFFFD');
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}

/** Summaries and errors: the same cleaning, with room for a full explanation. */
export function logText(value: string): string;
export function logText(value: string | undefined | null): string | null;
export function logText(value: string | undefined | null): string | null {
  return displayText(value, 2000);
}
