/**
 * The highlight colours, in the order the toolbar shows them. The server
 * keeps the same list (`hatchery.contract.limits.COLORS`) and refuses any
 * other; tests/test_colors_agree.py checks that the two agree.
 */

export const COLORS = ['yellow', 'green', 'blue', 'pink'];

/** The colour of a highlight that names none. */
export const DEFAULT_COLOR = 'yellow';
