// Bulk statements take their rows as ONE jsonb parameter (`jsonb_to_recordset($1::jsonb)`):
// far faster than thousands of bound parameters, on PGlite and Postgres alike, and no limit on
// row count. Postgres rejects the escaped lone surrogates JSON.stringify writes for broken
// UTF-16, so those become U+FFFD, which is what binding the same text as a parameter would store.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function jsonParam(rows: readonly object[]): string {
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value));
}
