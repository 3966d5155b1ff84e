/**
 * The in-page UI: the colour toolbar by a selection and the editor opened by
 * clicking a highlight. Both live in a closed shadow root on an element
 * outside <body>, so page styles and scripts do not reach them and they are
 * not page text.
 * Everything that came from the page or the server is set as textContent.
 */

import { COLORS, DEFAULT_COLOR } from '../lib/colors.js';

const SWATCH = {
  yellow: '#ffe240',
  green: '#78dc78',
  blue: '#6eb4ff',
  pink: '#ff8cc8',
};

const STYLE = `
:host { all: initial; }
.bar, .editor {
  position: fixed; z-index: 2147483647; display: none;
  font: 13px/1.4 system-ui, sans-serif; color: #222; background: #fff;
  border: 1px solid #ccc; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 6px;
}
.bar.open { display: flex; gap: 6px; align-items: center; }
.editor.open { display: block; width: 300px; }
.swatch {
  width: 22px; height: 22px; border-radius: 50%; cursor: pointer;
  border: 2px solid rgba(0,0,0,.15); padding: 0;
}
.swatch[aria-pressed="true"] { border-color: #222; }
.row { display: flex; gap: 6px; margin: 6px 0; align-items: center; }
.quote {
  margin: 0 0 6px; max-height: 60px; overflow: hidden; color: #555;
  font-style: italic; border-left: 3px solid #ddd; padding-left: 6px;
}
textarea, input {
  box-sizing: border-box; width: 100%; font: inherit; padding: 4px;
  border: 1px solid #bbb; border-radius: 4px;
}
textarea { height: 60px; resize: vertical; }
button.text {
  font: inherit; padding: 3px 10px; border-radius: 4px; cursor: pointer;
  border: 1px solid #bbb; background: #f6f6f6;
}
button.danger { color: #a00; margin-right: auto; }
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
      style: `background:${SWATCH[color]}`,
    }),
  );
}

/**
 * Build the UI and wire it to the callbacks.
 *
 * @param {Document} doc
 * @param {{
 *   onHighlight: (color: string) => void,
 *   onSave: (id: string, changes: object) => void,
 *   onDelete: (id: string) => void,
 * }} handlers
 */
export function createUi(doc, handlers) {
  const host = doc.createElement('hatchery-ui');
  // Closed: the page cannot reach the editor and read a note from it. The
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

  const quote = el(doc, 'p', { className: 'quote' });
  const colorRow = el(doc, 'div', { className: 'row colors' }, swatches(doc, 'swatch'));
  const note = el(doc, 'textarea', { placeholder: 'Note', name: 'note' });
  const tags = el(doc, 'input', { placeholder: 'Tags, comma separated', name: 'tags' });
  const del = el(doc, 'button', { type: 'button', className: 'text danger delete', textContent: 'Delete' });
  const close = el(doc, 'button', { type: 'button', className: 'text close', textContent: 'Close' });
  const save = el(doc, 'button', { type: 'button', className: 'text save', textContent: 'Save' });
  const editor = el(doc, 'div', { className: 'editor', role: 'dialog', 'aria-label': 'Edit highlight' }, [
    quote,
    colorRow,
    note,
    el(doc, 'div', { className: 'row' }, [tags]),
    el(doc, 'div', { className: 'row' }, [del, close, save]),
  ]);
  // What went wrong with a highlight (it could not be saved); a click hides it.
  const notice = el(doc, 'div', { className: 'notice', role: 'alert' });
  notice.addEventListener('click', () => notice.classList.remove('open'));
  root.append(bar, editor, notice);
  doc.documentElement.append(host);

  let editing = null;
  let color = null;

  function pressColor(value) {
    color = value;
    for (const button of colorRow.querySelectorAll('[data-color]')) {
      button.setAttribute('aria-pressed', String(button.dataset.color === value));
    }
  }

  colorRow.addEventListener('click', (e) => {
    const value = e.target.closest?.('[data-color]')?.dataset.color;
    if (!value || !editing) return;
    pressColor(value);
    handlers.onSave(editing, { color: value });
  });
  save.addEventListener('click', () => {
    if (!editing) return;
    handlers.onSave(editing, { color, note: note.value, tags: tags.value });
    hideEditor();
  });
  close.addEventListener('click', () => hideEditor());
  del.addEventListener('click', () => {
    if (editing) handlers.onDelete(editing);
    hideEditor();
  });

  function place(node, rect, width) {
    const view = doc.defaultView;
    const left = Math.min(Math.max(4, rect.left), view.innerWidth - width - 8);
    const above = rect.top - 46;
    node.style.left = `${left}px`;
    node.style.top = `${above > 4 ? above : rect.bottom + 8}px`;
  }

  function hideEditor() {
    editor.classList.remove('open');
    editing = null;
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
    /** Open the editor for a highlight next to its mark. */
    showEditor(highlight, rect) {
      editing = highlight.id;
      quote.textContent = highlight.exact ?? '';
      note.value = highlight.note ?? '';
      tags.value = (highlight.tags ?? []).join(', ');
      pressColor(highlight.color || DEFAULT_COLOR);
      editor.classList.add('open');
      const top = rect.bottom + 8;
      editor.style.left = `${Math.min(Math.max(4, rect.left), doc.defaultView.innerWidth - 320)}px`;
      editor.style.top = `${top + 200 < doc.defaultView.innerHeight ? top : Math.max(4, rect.top - 220)}px`;
    },
    hideEditor,
    /** Tell the person something went wrong, until they click it away. */
    notice(text) {
      notice.textContent = text;
      notice.classList.add('open');
    },
    get editing() {
      return editing;
    },
    contains(node) {
      return node === host || host.contains(node) || node?.getRootNode?.() === root;
    },
  };
}
