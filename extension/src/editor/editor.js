/**
 * The note editor, an extension page the content script shows in a frame
 * over the highlight. A page cannot script a frame of another origin, nor
 * search it with window.find, so the note and tags shown here stay out of
 * the page's reach (a closed shadow root in the page keeps out scripts, not
 * find-in-page). It talks only to the content script that made its frame,
 * over a port named with the secret in its address; it never listens to
 * window messages, which any page can send.
 */

import { COLORS, SWATCHES, DEFAULT_COLOR } from '../lib/colors.js';
import { editorPortName } from '../lib/editor-port.js';

const form = document.querySelector('.editor');
const quote = form.querySelector('.quote');
const colorRow = form.querySelector('.colors');
const note = form.elements.note;
const tags = form.elements.tags;
let port = null;
let color = DEFAULT_COLOR;

for (const value of COLORS) {
  const swatch = document.createElement('button');
  swatch.type = 'button';
  swatch.className = 'swatch';
  swatch.title = swatch.ariaLabel = `Highlight ${value}`;
  swatch.dataset.color = value;
  swatch.style.background = SWATCHES[value];
  colorRow.append(swatch);
}

function pressColor(value) {
  color = value;
  for (const swatch of colorRow.children) {
    swatch.setAttribute('aria-pressed', String(swatch.dataset.color === value));
  }
}

/** Show one highlight; everything from the page is set as text. */
function show(highlight) {
  quote.textContent = highlight.exact ?? '';
  note.value = highlight.note ?? '';
  tags.value = (highlight.tags ?? []).join(', ');
  pressColor(highlight.color || DEFAULT_COLOR);
}

/** Forget the last highlight's note once the editor is closed. */
function clear() {
  show({});
}

function tell(message) {
  if (!port) connect();
  port?.postMessage(message);
}

colorRow.addEventListener('click', (e) => {
  const value = e.target.closest('[data-color]')?.dataset.color;
  if (!value) return;
  pressColor(value);
  tell({ type: 'color', color: value });
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  tell({ type: 'save', changes: { color, note: note.value, tags: tags.value } });
});
form.querySelector('.close').addEventListener('click', () => tell({ type: 'close' }));
form.querySelector('.delete').addEventListener('click', () => tell({ type: 'delete' }));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') tell({ type: 'close' });
});
// The content script sizes the frame to what is shown.
const tellSize = () => port?.postMessage({ type: 'size', height: document.body.offsetHeight });
new ResizeObserver(tellSize).observe(document.body);

const secret = location.hash.slice(1);
// This frame's tab, where the tabs API reaches it (Chromium); elsewhere the
// service worker passes the port on to the tab.
const tab = chrome.tabs?.getCurrent ? await chrome.tabs.getCurrent() : null;

/** Call the content script that made this frame, in this tab. */
function connect() {
  if (!secret) return;
  const name = editorPortName(secret);
  port = tab ? chrome.tabs.connect(tab.id, { name }) : chrome.runtime.connect({ name });
  const mine = port;
  port.onMessage.addListener((message) => {
    if (message?.type === 'show') show(message.highlight);
    else if (message?.type === 'focus') note.focus();
    else if (message?.type === 'hide') clear();
  });
  port.onDisconnect.addListener(() => {
    if (port === mine) port = null;
  });
}

connect();
tellSize();
