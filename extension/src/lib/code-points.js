/**
 * Counting in Unicode code points, as the W3C Web Annotation model counts a
 * TextPositionSelector, where JavaScript strings count UTF-16 units (an
 * emoji is two units and one code point).
 */

// A high surrogate: the first half of a character outside the BMP.
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * Code points in `s.slice(from, to)` (a surrogate pair counts once).
 *
 * @param {string} s
 * @param {number} [from]
 * @param {number} [to]
 * @returns {number}
 */
export function codePointLength(s, from = 0, to = s.length) {
  if (!HIGH_SURROGATE.test(s)) return to - from;
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

/**
 * UTF-16 units that hold the first `points` code points of `s`.
 *
 * @param {string} s
 * @param {number} points
 * @returns {number}
 */
export function unitsForCodePoints(s, points) {
  if (!HIGH_SURROGATE.test(s)) return Math.min(points, s.length);
  let i = 0;
  for (let k = 0; k < points && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}
