// The one HTTP edge towards Radarr and Sonarr: GETs under `{baseUrl}/api/v3` with the API key,
// a total deadline, retries with exponential backoff, and errors that name the connection and URL
// but never carry the key (we never rethrow axios errors: their `config.headers` hold it).
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { parseApiItem, parseApiList, type ListReply } from './api-list.ts';
import { issuesFromZod, parseJsonWithoutNulls } from './tolerant-json.ts';

export const arrConnectionConfigSchema = z.object({
  name: z.string().min(1),
  // May carry a URL base: http://host:7878/radarr
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  apiKey: z.string().min(1),
  timeoutMs: z.int().positive(),
});
export type ArrConnectionConfig = z.input<typeof arrConnectionConfigSchema>;

export type ArrHttpOptions = {
  /** Extra attempts after the first for network errors and 5xx. Default 2. */
  retries?: number;
  /** Delay before the first retry; doubles each time. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Cap for a single retry delay. Default 8000 ms. */
  retryMaxDelayMs?: number;
};

export type ArrFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'not-found'
  | 'http-status'
  | 'unexpected-reply';

export type ArrRequestErrorDetails = {
  connection: string;
  /** Without credentials; the key is never part of a URL we build. */
  url: string;
  attempts: number;
  status?: number;
  code?: string;
};

export class ArrRequestError extends Error {
  override readonly name = 'ArrRequestError';
  constructor(
    readonly kind: ArrFailureKind,
    message: string,
    readonly details: ArrRequestErrorDetails,
  ) {
    super(message);
  }
}

type Failure = { kind: ArrFailureKind; reason: string; retryable: boolean; status?: number; code?: string };

const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
// ECONNABORTED: axios' own timeout; ERR_CANCELED: our AbortSignal deadline (nothing else cancels).
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

export class ArrHttp {
  readonly app: string;
  readonly name: string;
  /** `{baseUrl}/api/v3` without credentials, for messages. */
  readonly apiRoot: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryBaseDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #axios: AxiosInstance;

  /** @param app "Radarr" or "Sonarr", for messages. Throws a readable Error on a bad config. */
  constructor(app: string, config: ArrConnectionConfig, options: ArrHttpOptions = {}) {
    const parsed = arrConnectionConfigSchema.safeParse(config);
    if (!parsed.success) {
      const problems = issuesFromZod(parsed.error).map((issue) => `${issue.path}: ${issue.message}`);
      throw new Error(`Invalid ${app} connection settings: ${problems.join('; ')}`);
    }
    const { name, baseUrl, apiKey, timeoutMs } = parsed.data;
    const { apiRoot, auth } = arrEndpoint(baseUrl);
    this.app = app;
    this.name = name;
    this.apiRoot = apiRoot;
    this.#apiKey = apiKey;
    this.#timeoutMs = timeoutMs;
    this.#retries = options.retries ?? 2;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.#retryMaxDelayMs = options.retryMaxDelayMs ?? 8000;
    this.#axios = axios.create({
      ...(auth ? { auth } : {}),
      // The *arr is on the LAN; an environment proxy would only be another place the key goes.
      proxy: false,
      // A redirect from an API URL means a wrong URL base or a login page; never send the key on.
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /** GET one resource and validate it. A 404 throws with kind "not-found". */
  async getItem<S extends z.ZodType>(path: string, schema: S, query?: URLSearchParams): Promise<z.output<S>> {
    const body = await this.getJson(path, query);
    const parsed = parseApiItem(body, schema);
    if (parsed.ok) return parsed.item;
    const problems = parsed.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
    throw this.#error('unexpected-reply', `reply does not look like a ${this.app} resource (${problems.join('; ')})`, path, query, 1);
  }

  /** GET a list; items that fail validation are skipped and reported, not fatal. */
  async getList<S extends z.ZodType>(path: string, schema: S, query?: URLSearchParams): Promise<ListReply<z.output<S>>> {
    const body = await this.getJson(path, query);
    const parsed = parseApiList(body, schema);
    if (parsed === undefined) {
      throw this.#error('unexpected-reply', `expected a JSON array, got ${describeJson(body)}`, path, query, 1);
    }
    return parsed;
  }

  /** GET and JSON-parse (nulls removed), retrying network errors and 5xx with exponential backoff. */
  async getJson(path: string, query?: URLSearchParams): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(path, query);
      if ('body' in outcome) return outcome.body;
      if (!outcome.retryable || attempt > this.#retries) {
        throw this.#error(outcome.kind, outcome.reason, path, query, attempt, outcome);
      }
      await sleep(Math.min(this.#retryBaseDelayMs * 2 ** (attempt - 1), this.#retryMaxDelayMs));
    }
  }

  async #attempt(path: string, query: URLSearchParams | undefined): Promise<{ body: unknown } | Failure> {
    let response: AxiosResponse<string>;
    try {
      response = await this.#axios.get<string>(`${this.apiRoot}${path}`, {
        params: query,
        headers: { 'X-Api-Key': this.#apiKey, Accept: 'application/json' },
        timeout: this.#timeoutMs,
        // axios' timeout is per socket inactivity; this bounds the whole exchange, trickling included.
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      return this.#transportFailure(error);
    }
    return this.#replyOutcome(response);
  }

  #transportFailure(error: unknown): Failure {
    const code = errorCode(error);
    if (code !== undefined && TIMEOUT_CODES.has(code)) {
      return { kind: 'timeout', reason: `no complete reply within ${this.#timeoutMs} ms`, retryable: false, code };
    }
    if (code !== undefined && (TLS_CODES.has(code) || /^ERR_(SSL|TLS)_/.test(code) || code.includes('CERT'))) {
      return { kind: 'tls', reason: `TLS handshake failed (${code}); check http vs https and the certificate`, retryable: false, code };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unreachable', reason: `cannot connect (${code ?? this.#redact(message)})`, retryable: true, ...(code ? { code } : {}) };
  }

  #replyOutcome(response: AxiosResponse<string>): { body: unknown } | Failure {
    const { status } = response;
    const text = typeof response.data === 'string' ? response.data : '';
    if (status >= 200 && status < 300) {
      try {
        return { body: parseJsonWithoutNulls(text) };
      } catch {
        const hint = isHtml(text) ? ': check the URL base' : '';
        return { kind: 'unexpected-reply', reason: `reply is not JSON (${describeBody(text)}${hint})`, retryable: false, status };
      }
    }
    if (status === 401 || status === 403) {
      return { kind: 'unauthorized', reason: `API key rejected (HTTP ${status})`, retryable: false, status };
    }
    if (status === 404) return { kind: 'not-found', reason: 'HTTP 404 Not Found', retryable: false, status };
    if (status >= 300 && status < 400) {
      const location = String(response.headers['location'] ?? '');
      return { kind: 'unexpected-reply', reason: `redirected (HTTP ${status}) to "${this.#redact(location)}": check the URL and URL base`, retryable: false, status };
    }
    const retryable = status >= 500;
    return { kind: 'http-status', reason: `HTTP ${status} (${describeBody(text)})`, retryable, status };
  }

  #error(kind: ArrFailureKind, reason: string, path: string, query: URLSearchParams | undefined, attempts: number, failure?: Failure): ArrRequestError {
    const queryText = query && query.size > 0 ? `?${query.toString()}` : '';
    const url = `${this.apiRoot}${path}${queryText.length > 200 ? `${queryText.slice(0, 200)}…` : queryText}`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const message = this.#redact(`${this.app} connection "${this.name}": GET ${url} failed${tries}: ${reason}`);
    return new ArrRequestError(kind, message, {
      connection: this.name,
      url,
      attempts,
      ...(failure?.status !== undefined ? { status: failure.status } : {}),
      ...(failure?.code !== undefined ? { code: failure.code } : {}),
    });
  }

  // A server or proxy may echo request headers in an error page; the key must not reach our logs.
  #redact(text: string): string {
    return text.split(this.#apiKey).join('***');
  }
}

/** `{baseUrl}/api/v3` without credentials, and the basic-auth user a reverse proxy may want. */
export function arrEndpoint(baseUrl: string): { apiRoot: string; auth?: { username: string; password: string } } {
  const url = new URL(baseUrl);
  const apiRoot = `${url.origin}${url.pathname.replace(/\/+$/, '')}/api/v3`;
  if (!url.username && !url.password) return { apiRoot };
  return { apiRoot, auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } };
}

/** Resolves to `undefined` when the request failed with a 404 (the item is gone); other errors pass. */
export async function undefinedWhenNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ArrRequestError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && code !== 'ERR_NETWORK') return code;
  return errorCode(cause) ?? (typeof code === 'string' ? code : undefined);
}

const isHtml = (text: string) => /^\s*</.test(text);

/**
 * What a reply body is, never what it says: the URL may point anywhere (an internal page, a
 * server echoing the key), and the message reaches the API reply, the page and the log.
 */
function describeBody(text: string): string {
  if (text.trim() === '') return 'an empty body';
  if (isHtml(text)) return 'an HTML page';
  try {
    JSON.parse(text);
    return `a JSON body of ${text.length} bytes`;
  } catch {
    return `${text.length} bytes of text`;
  }
}

function describeJson(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : typeof body;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
