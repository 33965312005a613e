// Slows password guessing: after `freeAttempts` failures from one client inside the window, each
// further attempt must wait, twice as long every time (capped). A success clears the client.
// In memory: one web process answers the login form; a restart forgives, which is acceptable
// because scrypt already makes each guess slow.

export type ThrottleOptions = {
  now?: () => number;
  freeAttempts?: number;
  windowMs?: number;
  baseLockMs?: number;
  maxLockMs?: number;
  /** Most clients remembered; the oldest are forgotten first. */
  maxClients?: number;
};

type ClientState = { failures: number; firstFailureAt: number; lockedUntil: number };

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  readonly #now: () => number;
  readonly #freeAttempts: number;
  readonly #windowMs: number;
  readonly #baseLockMs: number;
  readonly #maxLockMs: number;
  readonly #maxClients: number;
  readonly #clients = new Map<string, ClientState>();

  constructor(options: ThrottleOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#freeAttempts = options.freeAttempts ?? 5;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#baseLockMs = options.baseLockMs ?? 30_000;
    this.#maxLockMs = options.maxLockMs ?? 15 * 60_000;
    this.#maxClients = options.maxClients ?? 10_000;
  }

  /** May this client try a password now? */
  check(client: string): ThrottleVerdict {
    const state = this.#live(client);
    const now = this.#now();
    if (state && state.lockedUntil > now) {
      return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
    }
    return { allowed: true };
  }

  failed(client: string): void {
    const now = this.#now();
    const state = this.#live(client) ?? { failures: 0, firstFailureAt: now, lockedUntil: 0 };
    state.failures += 1;
    const over = state.failures - this.#freeAttempts;
    if (over >= 0) state.lockedUntil = now + Math.min(this.#maxLockMs, this.#baseLockMs * 2 ** over);
    this.#clients.delete(client);
    this.#clients.set(client, state);
    if (this.#clients.size > this.#maxClients) {
      const oldest = this.#clients.keys().next().value;
      if (oldest !== undefined) this.#clients.delete(oldest);
    }
  }

  succeeded(client: string): void {
    this.#clients.delete(client);
  }

  #live(client: string): ClientState | undefined {
    const state = this.#clients.get(client);
    if (!state) return undefined;
    const now = this.#now();
    if (now - state.firstFailureAt > this.#windowMs && state.lockedUntil <= now) {
      this.#clients.delete(client);
      return undefined;
    }
    return state;
  }
}
