import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser } from '../../extension/src/lib/sse.js';

function collect(chunks) {
  const events = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

test('events split across chunks arrive whole, with JSON data parsed', () => {
  const events = collect([
    'event: start\ndata: {"engine":',
    '"local"}\n\n: keep-alive\n\nevent: text\r\ndata: {"text": "Hel',
    'lo"}\r\n\r\n',
  ]);
  assert.deepEqual(events, [
    { event: 'start', data: { engine: 'local' } },
    { event: 'text', data: { text: 'Hello' } },
  ]);
});

test('multi-line data is joined and non-JSON data stays text', () => {
  const events = collect(['data: one\ndata: two\n\n']);
  assert.deepEqual(events, [{ event: 'message', data: 'one\ntwo' }]);
});

test('a last event without a blank line is still delivered at the end', () => {
  const events = collect(['event: hatch\ndata: {"hatch": {"title": "T"}}']);
  assert.deepEqual(events, [{ event: 'hatch', data: { hatch: { title: 'T' } } }]);
});
