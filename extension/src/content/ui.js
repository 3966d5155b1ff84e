/**
 * The in-page UI: the colour toolbar by a selection, the notice of a
 * highlight that could not be saved, and the frame of the editor opened by
 * clicking a highlight (editor-frame.js). They live in a closed shadow root
 * on an element outside <body>, so page styles and scripts do not reach
 * them and they are not page text.
 * Everything that came from the page or the server is set as textContent.
 */

import { COLORS, SWATCHES } from '../lib/colors.js';
import { createEditorFrame, EDITOR_WIDTH } from './editor-frame.js';

const STYLE = `
:host { all: initial; }
.bar, .editor {
  position: fixed; z-index: 2147483647; display: none;
  font: 13px/1.4 system-ui, sans-serif; color: #222; background: #fff;
  border: 1px solid #ccc; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 6px;
}
.bar.open { display: flex; gap: 6px; align-items: center; }
.editor { padding: 0; width: ${EDITOR_WIDTH}px; height: 200px; color-scheme: light; }
.editor.open { display: block; }
.swatch {
  width: 22px; height: 22px; border-radius: 50%; cursor: pointer;
  border: 2px solid rgba(0,0,0,.15); padding: 0;
}
.notice {
  position: fixed; z-index: 2147483647; display: none; right: 16px; top: 16px;
  max-width: 340px; font: 13px/1.4 system-ui, sans-serif; color: #fff;
  background: #b00020; border-radius: 8px; padding: 8px 12px;
  box-shadow: 0 4px 16px rgba(0,0,0,.25); cursor: pointer;
}
.notice.open { display: block; }
`;

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function swatches(doc, className) {
  return COLORS.map((color) =>
    el(doc, 'button', {
      type: 'button',
      className,
      title: `Highlight ${color}`,
      'aria-label': `Highlight ${color}`,
      dataset: { color },
      style: `background:${SWATCHES[color]}`,
    }),
  );
}

/**
 * Build the UI and wire it to the callbacks.
 *
 * @param {Document} doc
 * @param {{
 *   onHighlight: (color: string) => void,
 * } & Parameters<typeof createEditorFrame>[2]} handlers
 */
export function createUi(doc, handlers) {
  const host = doc.createElement('hatchery-ui');
  // Closed: the page cannot reach the toolbar or the editor's frame. The
  // root is only ever held in this (isolated) world.
  const root = host.attachShadow({ mode: 'closed' });
  // Only a person's own input counts: a page script cannot reach into a
  // closed root, and whatever it dispatches is stopped here anyway.
  for (const type of ['click', 'mousedown', 'keydown', 'input']) {
    root.addEventListener(
      type,
      (e) => {
        if (!e.isTrusted) e.stopImmediatePropagation();
      },
      true,
    );
  }
  root.append(el(doc, 'style', { textContent: STYLE }));

  const bar = el(doc, 'div', { className: 'bar', role: 'toolbar' }, swatches(doc, 'swatch'));
  // Keep the page selection when a toolbar button is pressed.
  bar.addEventListener('mousedown', (e) => e.preventDefault());
  bar.addEventListener('click', (e) => {
    const color = e.target.closest?.('[data-color]')?.dataset.color;
    if (color) handlers.onHighlight(color);
  });

  // What went wrong with a highlight (it could not be saved); a click hides it.
  const notice = el(doc, 'div', { className: 'notice', role: 'alert' });
  notice.addEventListener('click', () => notice.classList.remove('open'));
  root.append(bar, notice);
  doc.documentElement.append(host);
  const editor = createEditorFrame(doc, root, handlers);

  function place(node, rect, width) {
    const view = doc.defaultView;
    const left = Math.min(Math.max(4, rect.left), view.innerWidth - width - 8);
    const above = rect.top - 46;
    node.style.left = `${left}px`;
    node.style.top = `${above > 4 ? above : rect.bottom + 8}px`;
  }

  return {
    host,
    /** Show the toolbar by a selection's bounding box. */
    showToolbar(rect) {
      place(bar, rect, 130);
      bar.classList.add('open');
    },
    hideToolbar() {
      bar.classList.remove('open');
    },
    /** Open the editor for a highlight next to its mark (see editor-frame.js). */
    showEditor(highlight, rect, options) {
      editor.show(highlight, rect, options);
    },
    hideEditor() {
      editor.hide();
    },
    /** Tell the person something went wrong, until they click it away. */
    notice(text) {
      notice.textContent = text;
      notice.classList.add('open');
    },
    get editing() {
      return editor.editing;
    },
    contains(node) {
      return node === host || host.contains(node) || node?.getRootNode?.() === root;
    },
  };
}
