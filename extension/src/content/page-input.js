/**
 * What the person does on the page: a selection shows the colour toolbar,
 * a click on a highlight opens its editor, pointing at one tints it and
 * shows the hand cursor, Alt+Shift+H highlights, Escape closes, scrolling
 * hides the toolbar.
 */

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
  watchPointer(highlights);
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
  // A click that ends a selection over a highlight is not meant for it.
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const hit = highlightAt(highlights, event);
  if (!hit) return;
  ui.showEditor(hit.entry.data, hit.rect);
}

/** The highlight under a mouse event, with the rectangle of its text there. */
function highlightAt(highlights, event) {
  // Inside a shadow root the event's target is its host: the path's first
  // node is the element really hit.
  return pointedAt(highlights, event.composedPath()[0], event.clientX, event.clientY);
}

function pointedAt(highlights, target, x, y) {
  if (!(target instanceof Element) || !highlights.entries.size) return null;
  return highlights.at(target, x, y);
}

/**
 * Tint the highlight under the pointer and give it the hand cursor, once a
 * frame at most. The cursor is set on the element under the pointer (the
 * browser paints highlights without elements of their own), and the
 * element's own style put back when the pointer leaves.
 */
function watchPointer(highlights) {
  let point = null; // where the pointer was last, and the element it was over
  let pending = false;
  let cursor = null; // the element given the hand cursor, and its own cursor
  const update = () => {
    pending = false;
    const hit = point && pointedAt(highlights, point.target, point.x, point.y);
    highlights.hover(hit?.entry ?? null);
    const element = hit ? point.target : null;
    if (cursor?.element === element) return;
    if (cursor) restoreCursor(cursor);
    cursor = element && {
      element,
      value: element.style.getPropertyValue('cursor'),
      priority: element.style.getPropertyPriority('cursor'),
      hadStyle: element.hasAttribute('style'),
    };
    // Important: a page rule for its text's cursor must not win.
    element?.style.setProperty('cursor', 'pointer', 'important');
  };
  document.addEventListener(
    'mousemove',
    (event) => {
      // composedPath() is empty once the event is over: read it now.
      point = { target: event.composedPath()[0], x: event.clientX, y: event.clientY };
      if (!pending) {
        pending = true;
        requestAnimationFrame(update);
      }
    },
    { passive: true },
  );
}

function restoreCursor({ element, value, priority, hadStyle }) {
  if (value) element.style.setProperty('cursor', value, priority);
  else element.style.removeProperty('cursor');
  if (!hadStyle && !element.getAttribute('style')) element.removeAttribute('style');
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
