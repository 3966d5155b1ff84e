// Giving the main thread back between slices of work (src/lib/yield-to-page.js):
// scheduler.yield() where the browser has it, a timer where it does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pageTurn, yieldToPage } from '../../extension/src/lib/yield-to-page.js';

function withScheduler(scheduler, fn) {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'scheduler');
  Object.defineProperty(globalThis, 'scheduler', { value: scheduler, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    if (had) Object.defineProperty(globalThis, 'scheduler', had);
    else delete globalThis.scheduler;
  }
}

test('the work goes on after scheduler.yield() when the browser has it', async () => {
  let yields = 0;
  const scheduler = { yield: () => { yields += 1; return Promise.resolve(); } };
  const ran = await withScheduler(scheduler, () => new Promise((resolve) => yieldToPage(() => resolve(true))));
  assert.equal(ran, true);
  assert.equal(yields, 1);
});

test('a rejected scheduler.yield() still lets the work go on (by a timer)', async () => {
  const scheduler = { yield: () => Promise.reject(new Error('aborted')) };
  const ran = await withScheduler(scheduler, () => new Promise((resolve) => yieldToPage(() => resolve(true))));
  assert.equal(ran, true);
});

test('without a scheduler the work goes on after a timer, never at once', async () => {
  assert.equal(globalThis.scheduler, undefined);
  let ran = false;
  const turn = pageTurn().then(() => { ran = true; });
  // Not in this task: the page gets its turn first.
  await Promise.resolve();
  assert.equal(ran, false);
  await turn;
  assert.equal(ran, true);
});
