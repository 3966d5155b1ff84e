import { createSseParser } from './sse.js';

/**
 * A small client for the Hatchery HTTP API. `fetch` is passed in so the
 * service worker, the popup, the options page and the tests share it.
 */

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8765';

// A request that has not answered by then is treated as "server down": a
// local server answers in milliseconds, and the outbox will retry.
export const REQUEST_TIMEOUT_MS = 10_000;
// Hatching reads many pages and may call a language model.
export const HATCH_TIMEOUT_MS = 180_000;

/** An error with what went wrong in words a person can act on. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {{status?: number, code?: string, kind: string}} info
   *   kind is 'unreachable', 'unauthorized', 'forbidden', 'client',
   *   'server' or 'bad-response'
   */
  constructor(message, { status = 0, code = '', kind }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.kind = kind;
  }

  /** True when sending the same request again cannot succeed. */
  get permanent() {
    return this.kind === 'client';
  }
}

/**
 * @param {string} url
 * @returns {string} the URL without trailing slashes
 */
export function normalizeServerUrl(url) {
  return String(url || DEFAULT_SERVER_URL).trim().replace(/\/+$/, '');
}

function kindOf(status) {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status >= 500) return 'server';
  if (status === 408 || status === 429) return 'server';
  return 'client';
}

/**
 * @param {{baseUrl: string, token: string, fetch?: typeof fetch}} options
 */
export function createClient({ baseUrl, token, fetch: fetchImpl }) {
  const root = normalizeServerUrl(baseUrl);
  const doFetch = fetchImpl ?? globalThis.fetch.bind(globalThis);

  async function send(method, path, body, signal, accept = 'application/json') {
    const headers = { Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await doFetch(root + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new ApiError(
        `Cannot reach the Hatchery server at ${root} (${error.message}). ` +
          'Start it with `hatchery serve`.',
        { kind: 'unreachable' },
      );
    }
  }

  async function readJson(response) {
    const text = await response.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  function failure(response, data) {
    const message =
      data?.error?.message || `${response.status} ${response.statusText}`;
    return new ApiError(message, {
      status: response.status,
      code: data?.error?.code ?? '',
      kind: kindOf(response.status),
    });
  }

  async function request(method, path, body, timeout = REQUEST_TIMEOUT_MS) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    let response;
    let data;
    try {
      response = await send(method, path, body, controller.signal);
      data = await readJson(response);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) throw failure(response, data);
    if (data === null && response.status !== 204) {
      throw new ApiError(`${root}${path} did not answer with JSON`, {
        status: response.status,
        kind: 'bad-response',
      });
    }
    return { status: response.status, data };
  }

  return {
    baseUrl: root,
    health: () => request('GET', '/api/health').then((r) => r.data),
    capture: (payload) => request('POST', '/api/captures', payload),
    highlights: (url) =>
      request('GET', `/api/highlights?url=${encodeURIComponent(url)}`).then(
        (r) => r.data.highlights ?? [],
      ),
    updateHighlight: (id, changes) =>
      request('PATCH', `/api/highlights/${encodeURIComponent(id)}`, changes),
    deleteHighlight: (id) =>
      request('DELETE', `/api/highlights/${encodeURIComponent(id)}`),
    pages: () => request('GET', '/api/pages').then((r) => r.data.pages ?? []),
    /** Trade a one-time pairing code for the token (no token needed). */
    pair: (code) => request('POST', '/api/pair', { code }).then((r) => r.data),
    /** A one-time link that logs the browser in to the web library. */
    libraryLink: () => request('POST', '/api/library-link', {}).then((r) => r.data.url),
    hatch: (body) =>
      request('POST', '/api/hatches', body, HATCH_TIMEOUT_MS).then((r) => r.data.hatch),

    /**
     * Hatch while watching it being written (POST /api/hatches/stream).
     * `onEvent` sees every event; the stored hatch is the result.
     *
     * @param {object} body
     * @param {(e: {event: string, data: any}) => void} onEvent
     * @param {AbortSignal} [signal] abort to stop (the server stops too)
     */
    async hatchStream(body, onEvent, signal) {
      const response = await send('POST', '/api/hatches/stream', body, signal, 'text/event-stream');
      if (!response.ok) throw failure(response, await readJson(response));
      let hatch = null;
      let error = null;
      const parser = createSseParser((e) => {
        if (e.event === 'hatch') hatch = e.data?.hatch ?? null; // {hatch}
        if (e.event === 'error') error = e.data?.error ?? { message: String(e.data) };
        onEvent(e);
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      parser.end();
      if (error) {
        throw new ApiError(error.message || 'Hatching failed', {
          code: error.code ?? '',
          kind: 'server',
        });
      }
      if (!hatch) {
        throw new ApiError('The hatch stream ended without a hatch', { kind: 'bad-response' });
      }
      return hatch;
    },
  };
}

/**
 * What to do when nothing answers at `baseUrl`.
 *
 * @param {string} baseUrl
 */
export function unreachableHelp(baseUrl) {
  return (
    `Nothing answers at ${baseUrl}. Start the server: run \`hatchery serve\` in a ` +
    'terminal (or `hatchery service install` once, to start it at every login), ' +
    'then press Connect again. If it runs on another port, correct the URL.'
  );
}

/**
 * Check the server URL and token and say exactly what is wrong.
 *
 * @param {{baseUrl: string, token: string, fetch?: typeof fetch}} options
 * @returns {Promise<{ok: boolean, kind: string, message: string, version?: string}>}
 */
export async function testConnection(options) {
  const client = createClient(options);
  let health;
  try {
    health = await client.health();
  } catch (error) {
    if (error.kind === 'unreachable') {
      return { ok: false, kind: 'unreachable', message: unreachableHelp(client.baseUrl) };
    }
    if (error.kind === 'forbidden') {
      return { ok: false, kind: 'forbidden', message: error.message };
    }
    return {
      ok: false,
      kind: error.kind,
      message: `${client.baseUrl} answered, but not like a Hatchery server: ${error.message}`,
    };
  }
  if (!options.token) {
    return {
      ok: false,
      kind: 'unauthorized',
      message:
        'The server is running, but this browser is not paired yet: enter the ' +
        'pairing code that `hatchery serve` showed (or run `hatchery pair` for a ' +
        'new one), then press Connect.',
    };
  }
  try {
    await client.pages();
  } catch (error) {
    if (error.kind === 'unauthorized') {
      return {
        ok: false,
        kind: 'unauthorized',
        message: `The server is running, but refused this token. ${error.message}`,
      };
    }
    return { ok: false, kind: error.kind, message: error.message };
  }
  return {
    ok: true,
    kind: 'ok',
    version: health?.version,
    message: `Connected to Hatchery ${health?.version ?? ''} at ${client.baseUrl}.`,
  };
}
