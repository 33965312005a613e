/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight: thousands of folder reads
 * at once would exhaust file descriptors and starve the libuv pool everything else shares.
 * Results keep the order of `items`. The first rejection rejects the whole call.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner);
  await Promise.all(runners);
  return results;
}
