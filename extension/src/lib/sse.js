/**
 * A parser for server-sent events (the `text/event-stream` format), fed
 * with chunks as they arrive from a fetch body. Used to show a hatch being
 * written by POST /api/hatches/stream.
 */

/**
 * @param {(event: {event: string, data: any}) => void} onEvent
 *   called per event; `data` is parsed as JSON when it is JSON
 * @returns {{feed: (chunk: string) => void, end: () => void}}
 */
export function createSseParser(onEvent) {
  let buffer = '';
  let name = '';
  let data = [];

  function dispatch() {
    if (!data.length) {
      name = '';
      return;
    }
    const raw = data.join('\n');
    let parsed = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Not JSON: hand over the text.
    }
    onEvent({ event: name || 'message', data: parsed });
    name = '';
    data = [];
  }

  function line(text) {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return undefined; // a comment (keep-alive)
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
    return undefined;
  }

  return {
    feed(chunk) {
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const text of lines) line(text);
    },
    end() {
      if (buffer) line(buffer);
      buffer = '';
      dispatch();
    },
  };
}
