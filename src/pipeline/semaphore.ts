// An in-process counting semaphore: how many ffmpeg conversions run at once in this process,
// separately from how many jobs run (downloads mostly wait on the network, ffmpeg on the CPU).

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a whole number >= 1, got ${limit}`);
  }

  get size(): number {
    return this.limit;
  }

  get running(): number {
    return this.active;
  }

  /** A new limit applies to the next acquisitions; running holders keep their slots. */
  resize(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) return;
    this.limit = limit;
    this.wake();
  }

  /** Waits for a slot; returns the function that gives it back (calling it twice is harmless). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // A waiter is handed its slot by wake(): `active` already counts it when it resumes.
      await new Promise<void>((resolve, reject) => {
        const ready = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const index = this.waiting.indexOf(ready);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(signal?.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(ready);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.wake();
    };
  }

  private wake(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift();
      this.active += 1;
      next?.();
    }
  }
}
