import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  framePageUrl,
  owningWindow,
  sameOriginAsTop,
} from '../../extension/src/content/frame-page.js';

// Windows as a content script sees them: an address, an origin, a parent.
function frameIn(parent, href, origin = parent.origin) {
  return { top: parent.top, parent, location: { href }, origin };
}
const top = { location: { href: 'https://news.example/story#comments' }, origin: 'https://news.example' };
top.top = top;
top.parent = top;

test('a frame with an address of its own is a page of its own', () => {
  const framed = frameIn(top, 'https://news.example/embed.html');
  assert.equal(owningWindow(framed), framed);
  assert.equal(framePageUrl(framed), 'https://news.example/embed.html');
});

test('srcdoc and script-filled about:blank frames belong to the page around them', () => {
  for (const href of ['about:srcdoc', 'about:blank', 'blob:https://news.example/1']) {
    const frame = frameIn(top, href);
    assert.equal(owningWindow(frame), top, href);
    assert.equal(framePageUrl(frame), 'https://news.example/story', href);
  }
});

test('a frame a script wrote, which took its parent address, belongs to that page', () => {
  const written = frameIn(top, 'https://news.example/story#comments');
  assert.equal(owningWindow(written), top);
});

test('an empty frame inside a framed page belongs to that framed page', () => {
  const framed = frameIn(top, 'https://news.example/embed.html');
  const editor = frameIn(framed, 'about:blank');
  assert.equal(owningWindow(editor), framed);
  assert.equal(framePageUrl(editor), 'https://news.example/embed.html');
});

test('an empty frame stops at a parent it may not read', () => {
  const foreign = frameIn(top, 'https://ads.example/', 'https://ads.example');
  Object.defineProperty(foreign, 'location', {
    get() {
      throw new Error('SecurityError');
    },
  });
  const inner = frameIn(foreign, 'https://news.example/inner.html', 'https://news.example');
  assert.equal(owningWindow(inner), inner);
});

test('srcdoc frames share their parent origin; sandboxed and foreign frames do not', () => {
  assert.equal(sameOriginAsTop(top), true);
  assert.equal(sameOriginAsTop(frameIn(top, 'about:srcdoc')), true);
  assert.equal(sameOriginAsTop(frameIn(top, 'about:srcdoc', 'null')), false);
  assert.equal(sameOriginAsTop(frameIn(top, 'https://ads.example/', 'https://ads.example')), false);
});
