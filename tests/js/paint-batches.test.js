// Highlights found by anchoring are painted in batches (src/content/highlighter.js):
// a batch once none came for PAINT_SETTLE_MS, and never later than
// PAINT_MAX_WAIT_MS after its first, since each paint repaints the whole page.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  PAINT_MAX_WAIT_MS,
  PAINT_SETTLE_MS,
  Painter,
  paintName,
} from '../../extension/src/content/highlighter.js';

// The page as far as the painter sees it: a highlight registry, no shadow roots.
globalThis.ShadowRoot ??= class ShadowRoot {};

function setUp() {
  mock.timers.enable({ apis: ['setTimeout'] });
  const highlights = new Map();
  const doc = { defaultView: { CSS: { highlights }, Highlight: class extends Set {} } };
  let t = 0;
  const painter = new Painter(doc, { now: () => t });
  // The clock and the timers move on together, a millisecond at a time.
  const wait = (ms) => {
    for (let k = 0; k < ms; k++) {
      t += 1;
      mock.timers.tick(1);
    }
  };
  const range = () => ({ startContainer: { getRootNode: () => ({}) } });
  const painted = () => highlights.get(paintName('yellow'))?.size ?? 0;
  return { painter, wait, range, painted };
}

test('a batch is painted once no highlight has come for a while, all in one go', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, wait, range, painted } = setUp();
  painter.paintSoon([range()], 'yellow');
  wait(PAINT_SETTLE_MS - 5);
  painter.paintSoon([range(), range()], 'yellow');
  wait(PAINT_SETTLE_MS - 1);
  assert.equal(painted(), 0, 'painted before the batch settled');
  wait(1);
  assert.equal(painted(), 3);
  assert.equal(painter.pending.length, 0);
});

test('highlights coming without a pause are still painted every PAINT_MAX_WAIT_MS', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, wait, range, painted } = setUp();
  const every = PAINT_SETTLE_MS / 2;
  const counts = [];
  for (let at = 0; at < 2 * PAINT_MAX_WAIT_MS; at += every) {
    painter.paintSoon([range()], 'yellow');
    counts.push([at, painted()]);
    wait(every);
  }
  // Nothing before the first batch's time is up, the first batch's all at it.
  const before = counts.filter(([at]) => at < PAINT_MAX_WAIT_MS);
  assert.ok(before.every(([, n]) => n === 0), JSON.stringify(before));
  const at = counts.find(([when]) => when === PAINT_MAX_WAIT_MS);
  assert.equal(at[1], PAINT_MAX_WAIT_MS / every);
  wait(PAINT_SETTLE_MS);
  assert.equal(painted(), counts.length);
});
