/**
 * Connecting the extension in one step: pair with the one-time code (or
 * take a pasted token), check the connection, and only then hand back the
 * settings to save. Pure: `fetch` is passed in, nothing is stored here.
 */

import { createClient, testConnection, unreachableHelp } from './api.js';

/**
 * @param {{baseUrl: string, code?: string, token?: string, fetch?: typeof fetch}} options
 *   `code` wins over `token` when both are given
 * @returns {Promise<{ok: boolean, kind: string, message: string,
 *   settings?: {serverUrl: string, token: string}}>}
 */
export async function connect({ baseUrl, code = '', token = '', fetch }) {
  const client = createClient({ baseUrl, token: '', fetch });
  let chosen = token.trim();
  if (code.trim()) {
    try {
      chosen = (await client.pair(code.trim())).token;
    } catch (error) {
      if (error.kind === 'unreachable') {
        return { ok: false, kind: 'unreachable', message: unreachableHelp(client.baseUrl) };
      }
      const kind = error.status === 429 ? 'too-many' : error.kind;
      return { ok: false, kind, message: error.message };
    }
  }
  const outcome = await testConnection({ baseUrl: client.baseUrl, token: chosen, fetch });
  if (!outcome.ok) return outcome;
  return {
    ...outcome,
    message: `${outcome.message} Saved: highlight something on any page.`,
    settings: { serverUrl: client.baseUrl, token: chosen },
  };
}
