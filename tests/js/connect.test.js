import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../extension/src/lib/connect.js';

const health = () => [200, { status: 'ok', version: '0.1.0' }];

function fakeServer({ code = 'ABCD-EFGH', token = 'T' } = {}) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    const route = `${init.method} ${new URL(url).pathname}`;
    let answer;
    if (route === 'GET /api/health') answer = health();
    else if (route === 'POST /api/pair') {
      answer = JSON.parse(init.body).code === code
        ? [200, { token }]
        : [401, { error: { code: 'bad_pairing_code', message: 'That pairing code is wrong: run `hatchery pair`.' } }];
    } else if (route === 'GET /api/pages') {
      answer = init.headers.Authorization === `Bearer ${token}`
        ? [200, { pages: [] }]
        : [401, { error: { code: 'unauthorized', message: 'The token is wrong.' } }];
    } else throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer[1]), { status: answer[0] });
  };
  fn.calls = calls;
  return fn;
}

test('a good pairing code gives settings to save, with the token the server handed out', async () => {
  const fetch = fakeServer();
  const outcome = await connect({ baseUrl: 'http://h:1/', code: 'ABCD-EFGH', fetch });
  assert.equal(outcome.ok, true);
  assert.deepEqual(outcome.settings, { serverUrl: 'http://h:1', token: 'T' });
  assert.match(outcome.message, /Connected/);
  assert.equal(fetch.calls[0].init.headers.Authorization, undefined, 'pairing sends no token');
});

test('a wrong code says how to get a new one and gives nothing to save', async () => {
  const outcome = await connect({ baseUrl: 'http://h:1', code: 'WRONG', fetch: fakeServer() });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.settings, undefined);
  assert.match(outcome.message, /hatchery pair/);
});

test('a pasted token is checked before it is saved', async () => {
  const good = await connect({ baseUrl: 'http://h:1', token: ' T ', fetch: fakeServer() });
  assert.deepEqual(good.settings, { serverUrl: 'http://h:1', token: 'T' });
  const bad = await connect({ baseUrl: 'http://h:1', token: 'nope', fetch: fakeServer() });
  assert.equal(bad.kind, 'unauthorized');
  assert.equal(bad.settings, undefined);
});

test('a stopped server says how to start it, whether pairing or testing', async () => {
  const down = async () => {
    throw new TypeError('Failed to fetch');
  };
  for (const attempt of [{ code: 'ABCD-EFGH' }, { token: 'T' }]) {
    const outcome = await connect({ baseUrl: 'http://h:1', fetch: down, ...attempt });
    assert.equal(outcome.kind, 'unreachable');
    assert.match(outcome.message, /hatchery serve/);
  }
});

test('nothing entered says where the pairing code comes from', async () => {
  const outcome = await connect({ baseUrl: 'http://h:1', fetch: fakeServer() });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /pairing code/);
});
