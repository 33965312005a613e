// The one HTTP edge towards media servers and notification services: a total deadline, no
// environment proxy, no redirects (a redirect would carry the token elsewhere), and errors that
// name what failed with every secret of the request cut out (axios errors hold the headers, so
// they are never rethrown).
import axios, { type AxiosResponse } from 'axios';

export type OutboundFailureKind = 'unreachable' | 'timeout' | 'unauthorized' | 'http-status' | 'unexpected-reply';

export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly kind: OutboundFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type OutboundRequest = {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Plain text body. */
  text?: string;
  timeoutMs?: number;
  /** Values cut out of every message (tokens, keys, webhook URLs). */
  secrets: readonly string[];
};

export type OutboundReply = { status: number; text: string };

/** `{baseUrl}{path}` with the base's own path kept (a URL base behind a proxy). */
export function serverUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const client = axios.create({ proxy: false, maxRedirects: 0, responseType: 'text', transformResponse: [(data: unknown) => data], validateStatus: () => true });

/** Sends the request; resolves for 2xx, throws an {@link OutboundError} otherwise. */
export async function sendOutbound(request: OutboundRequest): Promise<OutboundReply> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const redact = redactor(request.secrets);
  const where = `${request.method} ${redact(safeUrl(request.url))}`;
  let response: AxiosResponse<string>;
  try {
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.form !== undefined ? new URLSearchParams(request.form).toString() : request.text;
    const contentType = request.json !== undefined ? 'application/json' : request.form !== undefined ? 'application/x-www-form-urlencoded' : 'text/plain; charset=utf-8';
    response = await client.request<string>({
      method: request.method,
      url: request.url,
      headers: { 'User-Agent': 'Previewarr', ...(body !== undefined ? { 'Content-Type': contentType } : {}), ...request.headers },
      ...(body !== undefined ? { data: body } : {}),
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
      throw new OutboundError('timeout', `${where}: no reply within ${timeoutMs} ms`);
    }
    throw new OutboundError('unreachable', `${where}: cannot connect (${code ?? redact(String((error as Error)?.message ?? error))})`);
  }
  const text = typeof response.data === 'string' ? response.data : '';
  if (response.status >= 200 && response.status < 300) return { status: response.status, text };
  const snippet = redact(text.replace(/\s+/g, ' ').trim().slice(0, 160));
  if (response.status === 401 || response.status === 403) {
    throw new OutboundError('unauthorized', `${where}: the token or key was rejected (HTTP ${response.status})`, response.status);
  }
  const kind = response.status >= 300 && response.status < 400 ? 'unexpected-reply' : 'http-status';
  throw new OutboundError(kind, `${where}: HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`, response.status);
}

/** The reply body as JSON, or an {@link OutboundError} saying it is not. */
export function replyJson(reply: OutboundReply, what: string): unknown {
  try {
    return JSON.parse(reply.text);
  } catch {
    throw new OutboundError('unexpected-reply', `${what}: the reply is not JSON (is this the right address?)`);
  }
}

function redactor(secrets: readonly string[]): (text: string) => string {
  const cut = secrets.filter((secret) => secret.length >= 4);
  return (text) => cut.reduce((acc, secret) => acc.split(secret).join('***').split(encodeURIComponent(secret)).join('***'), text);
}

/** The URL without its query (where tokens travel for some services). */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_NETWORK' && code !== 'ERR_BAD_REQUEST') return code;
  }
  return undefined;
}
