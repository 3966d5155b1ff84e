/**
 * The highlight colours, in the order the toolbar shows them. The server
 * keeps the same list (`hatchery.contract.limits.COLORS`) and refuses any
 * other; tests/test_colors_agree.py checks that the two agree.
 */

export const COLORS = ['yellow', 'green', 'blue', 'pink'];

/** The colour of a highlight that names none. */
export const DEFAULT_COLOR = 'yellow';

/**
 * Each colour in the one place it is written: its swatch, as the toolbar,
 * the editor and the popup show it, and how opaque a highlight of it is
 * drawn over page text. The stylesheets that cannot import this (marks.css,
 * popup.css) repeat it; tests/test_colors_agree.py checks that they agree.
 */
export const SWATCHES = {
  yellow: '#ffe240',
  green: '#78dc78',
  blue: '#6eb4ff',
  pink: '#ff8cc8',
};

// Blue reads darker than the others, so it is drawn a little lighter.
export const MARK_OPACITY = { yellow: 0.55, green: 0.55, blue: 0.5, pink: 0.55 };

/**
 * @param {string} color one of COLORS
 * @returns {string} the CSS colour a highlight of it is drawn in
 */
export function markFill(color) {
  const hex = SWATCHES[color];
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${MARK_OPACITY[color]})`;
}
