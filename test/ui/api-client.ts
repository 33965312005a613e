/**
 * `fetch` against the JSON API with the service's key, and `json` for a body:
 *   const api = apiClient(svc);
 *   await api('/api/v1/media/1/choose', { method: 'POST', json: { videoId: 'x' } });
 */
export type ApiInit = RequestInit & { json?: unknown };

export function apiClient(svc: { url: string; apiKey: string }): (path: string, init?: ApiInit) => Promise<Response> {
  return (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('x-api-key', svc.apiKey);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${svc.url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
}
