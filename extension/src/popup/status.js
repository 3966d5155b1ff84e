/**
 * The popup's status lines: whether the server answers and accepts the
 * token (and what to do when not), and what waits in the outbox.
 */

import { getClient, getSettings } from '../background/settings.js';
import { $, ask } from './dom.js';
import { showEngines } from './engines.js';

const PAIR_HELP = [
  'Open Settings and enter the pairing code ',
  { code: 'hatchery serve' },
  ' showed (',
  { code: 'hatchery pair' },
  ' shows a new one).',
];

/** Show help made of text and `{code}` parts (never markup). */
function showHelp(parts) {
  const help = $('help');
  help.replaceChildren(
    ...parts.map((part) => {
      if (typeof part === 'string') return document.createTextNode(part);
      const code = document.createElement('code');
      code.textContent = part.code;
      return code;
    }),
  );
  help.hidden = false;
}

/**
 * Check the server and say how the connection is.
 *
 * @returns {Promise<boolean>} true when connected with a token it accepts
 */
export async function renderStatus() {
  const connection = $('connection');
  const settings = await getSettings();
  const client = await getClient();
  $('help').hidden = true;
  try {
    const health = await client.health();
    if (!settings.token) {
      connection.className = 'bad';
      connection.textContent = `Server running (Hatchery ${health.version ?? ''}), but this browser is not paired yet.`;
      showHelp(PAIR_HELP);
      return false;
    }
    await client.pages();
    // Offer the engine choice only when the server has more than one.
    showEngines($('engine'), health);
    connection.className = 'ok';
    connection.textContent = `Connected to ${client.baseUrl}`;
    return true;
  } catch (error) {
    connection.className = 'bad';
    if (error.kind === 'unreachable') {
      connection.textContent = `Server not reachable at ${client.baseUrl}.`;
      showHelp([
        'Start it with ',
        { code: 'hatchery serve' },
        ' (or ',
        { code: 'hatchery service install' },
        ' to start it at every login). Highlights you make meanwhile are kept and sent when it is back.',
      ]);
    } else if (error.kind === 'unauthorized') {
      connection.textContent = 'The server refused this browser\'s token.';
      showHelp(PAIR_HELP);
    } else {
      connection.textContent = `Server problem: ${error.message}`;
    }
    return false;
  }
}

/** Say how many highlights wait to sync or were refused. */
export async function renderOutbox() {
  const status = await ask({ type: 'status' });
  const box = $('outbox');
  if (!status) return;
  const { waiting = 0, failed = 0, notQueued = { count: 0 } } = status;
  box.hidden = waiting + failed + notQueued.count === 0;
  const parts = [];
  if (waiting) parts.push(`${waiting} waiting to sync`);
  if (failed) parts.push(`${failed} refused by the server`);
  if (notQueued.count) {
    parts.push(`${notQueued.count} could not be saved (${notQueued.message})`);
  }
  $('waiting').textContent = parts.join(', ');
}
