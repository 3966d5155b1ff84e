import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClient,
  testConnection,
  normalizeServerUrl,
  ApiError,
} from '../../extension/src/lib/api.js';

function fakeFetch(routes) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    const path = new URL(url).pathname;
    const route = routes[`${init.method} ${path}`];
    if (!route) throw new TypeError('Failed to fetch');
    const [status, body] = route(init);
    return new Response(body === undefined ? '' : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  fn.calls = calls;
  return fn;
}

test('the server URL loses trailing slashes and has a default', () => {
  assert.equal(normalizeServerUrl('http://127.0.0.1:9/'), 'http://127.0.0.1:9');
  assert.match(normalizeServerUrl(''), /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('requests carry the bearer token and JSON', async () => {
  const fetch = fakeFetch({
    'POST /api/captures': (init) => [201, { highlight: JSON.parse(init.body) }],
  });
  const client = createClient({ baseUrl: 'http://h:1/', token: 'T', fetch });
  const { status, data } = await client.capture({ id: 'x' });
  assert.equal(status, 201);
  assert.equal(data.highlight.id, 'x');
  assert.equal(fetch.calls[0].init.headers.Authorization, 'Bearer T');
  assert.equal(fetch.calls[0].url, 'http://h:1/api/captures');
});

test('the page URL is encoded in the highlights query', async () => {
  const fetch = fakeFetch({
    'GET /api/highlights': () => [200, { highlights: [{ id: 'a' }] }],
  });
  const client = createClient({ baseUrl: 'http://h:1', token: 'T', fetch });
  const list = await client.highlights('https://ex.org/a?b=1&c=2');
  assert.deepEqual(list, [{ id: 'a' }]);
  assert.match(fetch.calls[0].url, /url=https%3A%2F%2Fex\.org%2Fa%3Fb%3D1%26c%3D2$/);
});

test('server errors become ApiErrors with the server message', async () => {
  const fetch = fakeFetch({
    'POST /api/captures': () => [
      422,
      { error: { code: 'invalid', message: '`url` must be an http(s) URL' } },
    ],
    'GET /api/pages': () => [500, { error: { code: 'x', message: 'boom' } }],
  });
  const client = createClient({ baseUrl: 'http://h:1', token: 'T', fetch });
  await assert.rejects(client.capture({}), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.kind, 'client');
    assert.equal(e.permanent, true);
    assert.equal(e.message, '`url` must be an http(s) URL');
    return true;
  });
  await assert.rejects(client.pages(), (e) => e.kind === 'server' && !e.permanent);
});

test('a server that does not answer is "unreachable" and says how to start it', async () => {
  const client = createClient({
    baseUrl: 'http://h:1',
    token: 'T',
    fetch: fakeFetch({}),
  });
  await assert.rejects(client.health(), (e) => {
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /hatchery serve/);
    return true;
  });
});

test('test connection tells a wrong token from a stopped server', async () => {
  const health = () => [200, { status: 'ok', version: '0.1.0' }];
  const ok = await testConnection({
    baseUrl: 'http://h:1',
    token: 'T',
    fetch: fakeFetch({
      'GET /api/health': health,
      'GET /api/pages': () => [200, { pages: [] }],
    }),
  });
  assert.equal(ok.ok, true);
  assert.match(ok.message, /0\.1\.0/);

  const wrong = await testConnection({
    baseUrl: 'http://h:1',
    token: 'bad',
    fetch: fakeFetch({
      'GET /api/health': health,
      'GET /api/pages': () => [401, { error: { code: 'unauthorized', message: 'The token is wrong' } }],
    }),
  });
  assert.equal(wrong.kind, 'unauthorized');
  assert.match(wrong.message, /token is wrong/);

  const none = await testConnection({
    baseUrl: 'http://h:1',
    token: '',
    fetch: fakeFetch({ 'GET /api/health': health }),
  });
  assert.equal(none.kind, 'unauthorized');
  assert.match(none.message, /hatchery pair/);

  const down = await testConnection({ baseUrl: 'http://h:1', token: 'T', fetch: fakeFetch({}) });
  assert.equal(down.kind, 'unreachable');
  assert.match(down.message, /hatchery serve/);
  assert.match(down.message, /hatchery service install/);
  assert.doesNotMatch(down.message, /CORS/, 'nothing a person cannot act on');
});

test('a streamed hatch reports its events and returns the stored hatch', async () => {
  const body = [
    'event: start\ndata: {"engine": "local"}\n\n',
    'event: text\ndata: {"text": "Draft"}\n\n',
    'event: hatch\ndata: {"hatch": {"title": "Merged", "citations": []}}\n\n',
  ].join('');
  const fetch = async () =>
    new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  const client = createClient({ baseUrl: 'http://h:1', token: 'T', fetch });
  const seen = [];
  const hatch = await client.hatchStream({ page_ids: [1] }, (e) => seen.push(e.event));
  assert.equal(hatch.title, 'Merged');
  assert.deepEqual(seen, ['start', 'text', 'hatch']);
});

test('a streamed hatch that fails says why', async () => {
  const body = 'event: error\ndata: {"error": {"code": "llm", "message": "model refused"}}\n\n';
  const fetch = async () => new Response(body, { status: 200 });
  const client = createClient({ baseUrl: 'http://h:1', token: 'T', fetch });
  await assert.rejects(client.hatchStream({}, () => {}), /model refused/);
});
