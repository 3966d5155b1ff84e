// Ranges are registered in CSS.highlights only while the element holding
// them is near the viewport (src/content/near-viewport.js, used by highlighter.js): Chromium rebuilds
// its markers for every registered range after any change to the registry,
// so a frame's repaint grows with the ranges registered, not those changed.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { NEAR_VIEWPORT_MARGIN, PAINT_MAX_WAIT_MS, Painter, paintName } from '../../extension/src/content/highlighter.js';

globalThis.ShadowRoot ??= class ShadowRoot {};

// Just enough of a DOM: elements and text nodes in a tree.
function element(name, parent = null) {
  const el = { nodeType: 1, nodeName: name, parentNode: parent, parentElement: parent, children: [] };
  el.getRootNode = () => ({});
  if (parent) {
    const siblings = parent.children;
    if (siblings.length) siblings[siblings.length - 1].nextElementSibling = el;
    siblings.push(el);
  }
  el.nextElementSibling = null;
  return el;
}

function text(parent) {
  return { nodeType: 3, parentNode: parent, parentElement: parent, getRootNode: () => ({}) };
}

// A range from text node `a` to text node `b`, whose common ancestor is `common`.
const range = (a, b, common) => ({ startContainer: a, endContainer: b, commonAncestorContainer: common });

function setUp(view = {}) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const highlights = new Map();
  const observed = new Set();
  let observer = null;
  class IntersectionObserver {
    constructor(callback, options) {
      this.callback = callback;
      this.options = options;
      observer = this;
    }
    observe(el) { observed.add(el); }
    unobserve(el) { observed.delete(el); }
    disconnect() { observed.clear(); }
  }
  const doc = { defaultView: { CSS: { highlights }, Highlight: class extends Set {}, IntersectionObserver, ...view } };
  let t = 0;
  const painter = new Painter(doc, { now: () => t });
  const wait = (ms) => {
    t += ms;
    mock.timers.tick(ms);
  };
  // The observer's report about elements: near (intersecting) or far.
  const report = (els, near, size = 10) => observer.callback(els.map((target) => ({
    target, isIntersecting: near, boundingClientRect: { width: size, height: size },
  })));
  const registered = () => [...(highlights.get(paintName('yellow')) ?? [])];
  return { painter, wait, report, registered, observed, observer: () => observer };
}

test('a batch is registered only once the observer says its element is near, and leaves when it is far', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, wait, report, registered, observed, observer } = setUp();
  assert.equal(observer().options.rootMargin, NEAR_VIEWPORT_MARGIN);
  const article = element('ARTICLE');
  const near = element('P', article);
  const far = element('P', article);
  const a = text(near);
  const b = text(far);
  const r1 = range(a, a, a);
  const r2 = range(b, b, b);
  painter.paintSoon([r1], 'yellow');
  painter.paintSoon([r2], 'yellow');
  // Watched at once (in the slice that found them), painted with the batch.
  assert.deepEqual([...observed], [near, far]);
  report([near], true);
  assert.deepEqual(registered(), [], 'registered before its batch');
  wait(PAINT_MAX_WAIT_MS);
  assert.deepEqual(registered(), [r1]);
  report([far], false);
  assert.deepEqual(registered(), [r1]);
  const r4 = range(b, b, b);
  painter.paintSoon([r4], 'yellow');
  wait(PAINT_MAX_WAIT_MS);
  assert.deepEqual(registered(), [r1], 'registered while its element is far');
  painter.unpaint([r4]);
  report([near], false);
  report([far], true);
  assert.deepEqual(registered(), [r2]);
  // Painted again in the same frame once it is known to be near.
  const r3 = range(b, b, b);
  painter.paintSoon([r3], 'yellow');
  wait(PAINT_MAX_WAIT_MS);
  assert.deepEqual(registered(), [r2, r3]);
});

test("a person's highlight is registered at once, and unregistered if it turns out to be far", (t) => {
  t.after(() => mock.timers.reset());
  const { painter, report, registered } = setUp();
  const p = element('P', element('ARTICLE'));
  const a = text(p);
  const mine = range(a, a, a);
  painter.paint([mine], 'yellow');
  assert.deepEqual(registered(), [mine]);
  report([p], false);
  assert.deepEqual(registered(), []);
  // Known to be far: a paint there waits for it to come near.
  const other = range(a, a, a);
  painter.paint([other], 'yellow');
  assert.deepEqual(registered(), []);
  report([p], true);
  assert.deepEqual(registered(), [mine, other]);
});

test('a passage from one paragraph into the next is near when either is; one over more, when its container is', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, report, registered, observed } = setUp();
  const article = element('ARTICLE');
  const [p1, p2, p3] = [element('P', article), element('P', article), element('P', article)];
  const two = range(text(p1), text(p2), article);
  painter.paint([two], 'yellow');
  assert.deepEqual([...observed], [p1, p2]);
  report([p1, p2], false);
  assert.deepEqual(registered(), []);
  report([p2], true);
  assert.deepEqual(registered(), [two]);
  report([p2], false);
  report([p1], true);
  assert.deepEqual(registered(), [two]);
  const three = range(text(p1), text(p3), article);
  painter.paint([three], 'yellow');
  assert.ok(observed.has(article), 'a passage over three paragraphs watches their container');
});

test('an element without a box of its own (never intersecting, no size) keeps its ranges registered', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, wait, report, registered } = setUp();
  const contents = element('SPAN', element('ARTICLE'));
  const a = text(contents);
  const r = range(a, a, a);
  painter.paintSoon([r], 'yellow');
  wait(PAINT_MAX_WAIT_MS);
  report([contents], false, 0);
  assert.deepEqual(registered(), [r]);
});

test('unpainting the last range of an element stops watching it; clearing stops watching all', (t) => {
  t.after(() => mock.timers.reset());
  const { painter, report, registered, observed } = setUp();
  const article = element('ARTICLE');
  const p = element('P', article);
  const q = element('P', article);
  const a = text(p);
  const [r1, r2] = [range(a, a, a), range(a, a, a)];
  painter.paint([r1, r2], 'yellow');
  report([p], true);
  painter.unpaint([r1]);
  assert.deepEqual(registered(), [r2]);
  assert.ok(observed.has(p));
  painter.unpaint([r2]);
  assert.deepEqual(registered(), []);
  assert.ok(!observed.has(p));
  assert.equal(painter.nearness.tracked.size, 0);
  const b = text(q);
  painter.paint([range(b, b, b)], 'yellow');
  painter.clear();
  assert.equal(observed.size, 0);
  assert.equal(painter.nearness.watched.size, 0);
});

test('while the page prints every painted range is registered, and the far ones leave after', (t) => {
  t.after(() => mock.timers.reset());
  const listeners = {};
  const { painter, report, registered } = setUp({
    addEventListener: (type, listener) => { listeners[type] = listener; },
  });
  const article = element('ARTICLE');
  const [near, far] = [element('P', article), element('P', article)];
  const here = range(text(near), text(near), near);
  const there = range(text(far), text(far), far);
  painter.paint([here, there], 'yellow');
  report([near], true);
  report([far], false);
  assert.deepEqual(registered(), [here]);
  listeners.beforeprint();
  assert.deepEqual(registered(), [here, there]);
  // A crossing reported meanwhile changes nothing while printing.
  report([near], false);
  assert.deepEqual(registered(), [here, there]);
  listeners.afterprint();
  assert.deepEqual(registered(), []);
  report([far], true);
  assert.deepEqual(registered(), [there]);
});
