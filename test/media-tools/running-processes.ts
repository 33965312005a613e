// Reads /proc to find live processes whose command line mentions a text (a unique output path),
// so tests can check that a timeout or an abort really ended the tool, children included.
import { readdir, readFile } from 'node:fs/promises';

export async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // A zombie (state Z) has exited; only its exit status is waiting to be collected.
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && cmdline.split('\0').some((arg) => arg.includes(text))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Polls until `check` holds or the deadline passes; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, deadlineMs = 10_000, everyMs = 50): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
