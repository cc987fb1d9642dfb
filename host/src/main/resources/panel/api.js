// The management API client. The key lives in sessionStorage (this tab only) and travels in the
// X-Management-Key header; never in a URL, never in localStorage.

const KEY_ITEM = 'cli-proxy-api.management-key';
const BASE = '/v0/management';

/** A failed call: the HTTP status (0 when the proxy could not be reached) and a message for people. */
export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.status = status;
    this.path = path;
  }

  /** The endpoint does not exist on this proxy (yet). */
  get missing() {
    return this.status === 404;
  }
}

export const session = {
  key: () => sessionStorage.getItem(KEY_ITEM),
  save: (key) => sessionStorage.setItem(KEY_ITEM, key),
  clear: () => sessionStorage.removeItem(KEY_ITEM),
};

let onRefused = () => {};

/** Called when a signed-in call is refused with 401 (the key was changed or is wrong). */
export function whenKeyRefused(handler) {
  onRefused = handler;
}

/**
 * Calls the management API. Options: json (a value sent as JSON), body (sent as is: text, FormData), query (an
 * object of query parameters), as ('json' | 'text' | 'blob'), key (overrides the stored key).
 */
export async function call(method, path, options = {}) {
  const key = options.key ?? session.key();
  const headers = { 'X-Management-Key': key ?? '', Accept: 'application/json' };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (typeof body === 'string') {
    headers['Content-Type'] = options.contentType ?? 'text/plain; charset=utf-8';
  }
  const url = BASE + path + query(options.query);
  let response;
  try {
    response = await fetch(url, { method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, `Cannot reach the proxy (${e.message}). Is it still running?`, path);
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await describe(response, method, path), path);
    if (response.status === 401 && options.key === undefined) {
      onRefused(error);
    }
    throw error;
  }
  if (options.as === 'text') {
    return response.text();
  }
  if (options.as === 'blob') {
    return response.blob();
  }
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

function query(params) {
  if (!params) {
    return '';
  }
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) {
      q.append(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The server's own words when it gave any ({"error": ..., "message": ...}), else the status. */
async function describe(response, method, path) {
  let detail = '';
  try {
    const text = await response.text();
    try {
      const json = JSON.parse(text);
      const parts = [json.error, json.message].filter((p) => typeof p === 'string' && p);
      detail = parts.length ? parts.join(': ') : text;
    } catch {
      detail = text;
    }
  } catch {
    detail = '';
  }
  detail = detail.trim().slice(0, 500);
  const what = `${method} ${BASE}${path} failed with ${response.status}`;
  return detail ? `${what}: ${detail}` : what;
}

/** A message for a 404 from an endpoint this proxy may not have yet. */
export function missingMessage(error, what) {
  return `${what} is not available on this proxy: ${BASE}${error.path} answered 404. `
    + 'This proxy version does not have that endpoint yet.';
}
