/**
 * What the person does on the page: a selection shows the colour toolbar,
 * a click on a highlight opens its editor, Alt+Shift+H highlights, Escape
 * closes, scrolling hides the toolbar.
 */

import { MARK_TAG } from './highlighter.js';
import { selectedRange } from './selection.js';
import { inPageText } from './text-index.js';

/**
 * Listen to the page's mouse and keyboard.
 *
 * @param {object} options
 * @param {ReturnType<import('./ui.js').createUi>} options.ui
 * @param {import('./page-highlights.js').PageHighlights} options.highlights
 * @param {() => object|null} options.highlightSelection in the colour used last
 */
export function listenToPage({ ui, highlights, highlightSelection }) {
  document.addEventListener('mouseup', (event) => onMouseUp(ui, highlights, event), true);
  document.addEventListener('click', (event) => onClick(ui, highlights, event));
  document.addEventListener('keydown', (event) => onKeyDown(ui, highlightSelection, event), true);
  document.addEventListener('scroll', () => ui.hideToolbar(), { passive: true });
}

function onMouseUp(ui, highlights, event) {
  if (ui.contains(event.target)) return;
  // Let the selection settle (a click inside it collapses it afterwards).
  setTimeout(() => {
    // Showing the toolbar needs no page text (building its index after the
    // page changed is a long task on a long page): only where the selection is.
    if (window.getSelection()?.type !== 'Range') {
      ui.hideToolbar();
      return;
    }
    const range = selectedRange(highlights.index?.shadowRoots);
    if (!range) {
      ui.hideToolbar();
      return;
    }
    if (!inPageText(highlights.root, range.commonAncestorContainer)) return;
    const rects = range.getClientRects();
    const rect = rects.length ? rects[0] : range.getBoundingClientRect();
    ui.showToolbar(rect);
  }, 0);
}

function onClick(ui, highlights, event) {
  // A page script's click must not open the editor: it would show the note.
  if (!event.isTrusted) return;
  // A mark inside a shadow root: the event's target is its host.
  const mark = event.composedPath()[0]?.closest?.(MARK_TAG);
  if (!mark) return;
  // A click that ends a selection over a highlight is not meant for it.
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const entry = highlights.get(mark.dataset.id);
  if (!entry) return;
  ui.showEditor(entry.data, mark.getBoundingClientRect());
}

function onKeyDown(ui, highlightSelection, event) {
  if (!event.isTrusted) return; // a page script cannot highlight for the user
  if (event.altKey && event.shiftKey && event.code === 'KeyH') {
    if (highlightSelection()) event.preventDefault();
  } else if (event.key === 'Escape') {
    ui.hideToolbar();
    ui.hideEditor();
  }
}
