/**
 * The highlight colours, in the order the toolbar shows them. The server
 * keeps the same list (`hatchery.contract.limits.COLORS`) and refuses any
 * other; tests/test_colors_agree.py checks that the two agree.
 */

export const COLORS = ['yellow', 'green', 'blue', 'pink'];

/** The colour of a highlight that names none. */
export const DEFAULT_COLOR = 'yellow';

/**
 * Each colour's swatch, as the toolbar, the editor and the popup show it;
 * a highlight on the page is the same colour, see through (marks.css).
 * tests/test_colors_agree.py checks that the stylesheets say the same.
 */
export const SWATCHES = {
  yellow: '#ffe240',
  green: '#78dc78',
  blue: '#6eb4ff',
  pink: '#ff8cc8',
};
