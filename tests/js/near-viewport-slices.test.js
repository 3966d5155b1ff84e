// What the IntersectionObserver reports is applied in slices
// (src/content/near-viewport.js): with 1,000 elements watched on a 1 MB
// page one delivery, applied all at once, was a task of 16-20 ms. These
// deliveries hold thousands of elements, and registering or unregistering a
// range costs the clock a little, as it costs Chromium.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { PAINT_MAX_WAIT_MS, Painter, paintName } from '../../extension/src/content/highlighter.js';
import { DELIVERY_SLICE_MS } from '../../extension/src/content/near-viewport.js';
import { SLICE_MS } from '../../extension/src/lib/yield-to-page.js';

globalThis.ShadowRoot ??= class ShadowRoot {};

// What one registry change costs on the clock, in ms.
const CHANGE_MS = 0.01;

// The page's turns: scheduler.yield(), each settled when the test says.
const turns = [];

function setUp(t, { elements, view = {} }) {
  mock.timers.enable({ apis: ['setTimeout'] });
  globalThis.scheduler = { yield: () => new Promise((resolve) => turns.push(resolve)) };
  t.after(() => {
    mock.timers.reset();
    delete globalThis.scheduler;
    turns.length = 0;
  });
  let clock = 0;
  const changes = { add: 0, delete: 0 };
  class Highlight extends Set {
    add(range) {
      clock += CHANGE_MS;
      changes.add += 1;
      return super.add(range);
    }
    delete(range) {
      clock += CHANGE_MS;
      changes.delete += 1;
      return super.delete(range);
    }
  }
  const highlights = new Map();
  let observer = null;
  class IntersectionObserver {
    constructor(callback) {
      this.callback = callback;
      observer = this;
    }
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  const doc = { defaultView: { CSS: { highlights }, Highlight, IntersectionObserver, ...view } };
  const painter = new Painter(doc, { now: () => clock });
  // One paragraph per element, one range in each.
  const article = { nodeType: 1, parentNode: null };
  const boxes = [];
  const ranges = [];
  for (let k = 0; k < elements; k++) {
    const p = { nodeType: 1, parentNode: article, parentElement: article, nextElementSibling: null };
    const text = { nodeType: 3, parentNode: p, parentElement: p, getRootNode: () => ({}) };
    boxes.push(p);
    ranges.push({ startContainer: text, endContainer: text, commonAncestorContainer: text });
  }
  const entry = (target, near) => ({ target, isIntersecting: near, boundingClientRect: { width: 10, height: 10 } });
  const report = (entries) => observer.callback(entries);
  const registered = () => highlights.get(paintName('yellow'))?.size ?? 0;
  const has = (range) => highlights.get(paintName('yellow'))?.has(range) ?? false;
  // Let the page have its turns until none is asked for; the clock time of
  // the slice after each, in order.
  const drain = async () => {
    const slices = [];
    while (turns.length) {
      const before = clock;
      turns.shift()();
      await new Promise((resolve) => setImmediate(resolve));
      slices.push(clock - before);
    }
    assert.ok(!painter.nearness.hasNews(), 'news left unapplied with no turn asked for');
    return slices;
  };
  // Paint every range with a batch (registered once reported near).
  const paintAll = () => {
    painter.paintSoon(ranges, 'yellow');
    clock += PAINT_MAX_WAIT_MS;
    mock.timers.tick(PAINT_MAX_WAIT_MS);
    assert.equal(painter.pending.length, 0, 'the batch was not painted');
  };
  return { painter, boxes, ranges, entry, report, registered, has, drain, paintAll, changes, clock: () => clock };
}

test('a delivery of thousands of elements coming near is applied a slice at a time, and every range ends registered', async (t) => {
  const { boxes, entry, report, registered, drain, paintAll, clock } = setUp(t, { elements: 5000 });
  paintAll();
  assert.equal(registered(), 0, 'registered before the observer said it is near');
  const before = clock();
  report(boxes.map((box) => entry(box, true)));
  const inDelivery = clock() - before;
  assert.ok(registered() > 0, 'nothing registered in the delivery itself');
  assert.ok(registered() < 5000, 'the whole delivery was applied in one task');
  assert.ok(inDelivery <= DELIVERY_SLICE_MS + CHANGE_MS, `the delivery's task took ${inDelivery} ms`);
  const slices = await drain();
  assert.equal(registered(), 5000);
  // 50 ms of registering: a dozen slices after the delivery's, none longer than one.
  assert.ok(slices.length >= (5000 * CHANGE_MS - DELIVERY_SLICE_MS) / (SLICE_MS + CHANGE_MS), `${slices.length} slices`);
  assert.ok(Math.max(...slices) <= SLICE_MS + CHANGE_MS, `a slice of ${Math.max(...slices)} ms`);
});

test('an element reported again before its news is applied counts once, as its latest report says', async (t) => {
  const { boxes, entry, report, registered, drain, paintAll, changes } = setUp(t, { elements: 3000 });
  paintAll();
  report(boxes.map((box) => entry(box, true)));
  await drain();
  assert.equal(registered(), 3000);
  // Far, then near again in the same delivery (a scroll there and back):
  // nothing to change.
  changes.add = changes.delete = 0;
  report([...boxes.map((box) => entry(box, false)), ...boxes.map((box) => entry(box, true))]);
  await drain();
  assert.equal(registered(), 3000);
  assert.deepEqual(changes, { add: 0, delete: 0 });
  // Far in one delivery, near in the next while the first is still being
  // applied: only the ones applied meanwhile leave and come back.
  report(boxes.map((box) => entry(box, false)));
  const leftInFirst = 3000 - registered();
  assert.ok(leftInFirst > 0 && leftInFirst < 3000, `${leftInFirst} left in the first delivery`);
  changes.add = changes.delete = 0;
  report(boxes.map((box) => entry(box, true)));
  await drain();
  assert.equal(registered(), 3000);
  assert.equal(changes.add, leftInFirst, 'a range registered again that never left');
  assert.equal(changes.delete, 0, 'a range unregistered after it was reported near again');
});

test('elements coming near are registered in the delivery, before the far ones of the same delivery leave', async (t) => {
  const { boxes, ranges, entry, report, has, drain, paintAll } = setUp(t, { elements: 4040 });
  const [leaving, coming] = [boxes.slice(0, 4000), boxes.slice(4000)];
  paintAll();
  report([...leaving.map((box) => entry(box, true)), ...coming.map((box) => entry(box, false))]);
  await drain();
  // The far ones reported first, the near ones last: the near ones are
  // registered at once, the far ones leave over the following slices.
  report([...leaving.map((box) => entry(box, false)), ...coming.map((box) => entry(box, true))]);
  assert.ok(ranges.slice(4000).every(has), 'a range near the viewport left unregistered after the delivery');
  const stillIn = ranges.slice(0, 4000).filter(has).length;
  assert.ok(stillIn > 0, 'every far range left in the delivery itself (one long task)');
  await drain();
  assert.ok(!ranges.slice(0, 4000).some(has));
});

test('while the page prints every range is registered, even those whose far report is still being applied', async (t) => {
  const listeners = {};
  const { boxes, ranges, entry, report, registered, has, drain, paintAll } = setUp(t, {
    elements: 3000,
    view: { addEventListener: (type, listener) => { listeners[type] = listener; } },
  });
  paintAll();
  report(boxes.map((box) => entry(box, true)));
  await drain();
  report(boxes.map((box) => entry(box, false)));
  assert.ok(registered() > 0 && registered() < 3000, `${registered()} registered: the delivery was not split`);
  listeners.beforeprint();
  assert.equal(registered(), 3000);
  await drain();
  assert.equal(registered(), 3000, 'a range left the registry while the page printed');
  listeners.afterprint();
  assert.equal(registered(), 0);
  report([entry(boxes[7], true)]);
  assert.ok(has(ranges[7]));
});

test('news still waiting is dropped when the painter is cleared, and for ranges unpainted meanwhile', async (t) => {
  const { painter, boxes, ranges, entry, report, registered, drain, paintAll } = setUp(t, { elements: 3000 });
  paintAll();
  report(boxes.map((box) => entry(box, true)));
  const early = registered();
  assert.ok(early < 3000, 'the delivery was not split');
  painter.unpaint(ranges.slice(2000));
  await drain();
  assert.equal(registered(), 2000);
  report(boxes.slice(0, 2000).map((box) => entry(box, false)));
  painter.clear();
  assert.ok(!painter.nearness.hasNews());
  await drain();
});
