/**
 * Bit-parallel approximate string search (Myers 1999, in the multi-block
 * form of Hyyrö 2003, as the `approx-string-match` package implements it).
 *
 * For a pattern of m characters it keeps the edit-distance column as bit
 * vectors of ceil(m / 32) words, so each text character costs ceil(m / 32)
 * word operations instead of m cell updates. The scanner keeps its state
 * between calls: a caller can feed the text in chunks (a bounded amount of
 * work each) and get the same matches as from one pass.
 */

const WORD = 32;

// The match bits of the pattern being scanned, shared by every scanner and
// loaded by the one scanning whenever another has used them since (scans
// of two patterns may take turns, a chunk each). A table of its own per
// scanner was 128 entries and an array per character of the pattern, made
// for every pattern searched: several per highlight, a third of what a
// whole-text search allocated (in node's sampling heap profiler).
const shared = {
  /** @type {MyersScanner|null} whose pattern the table holds */
  owner: null,
  /** @type {Int32Array} ASCII code c, block b at [c * blocks + b] */
  ascii: new Int32Array(0),
  /** @type {Map<number, Int32Array>} the other characters' bits, per block */
  other: new Map(),
  /** @type {Int32Array} no bit set, at least `blocks` long */
  none: new Int32Array(0),
};

/**
 * A search for one pattern over text fed in chunks.
 *
 * After `scan` has seen text[from, j), `errors` is the least edit distance
 * between the pattern and any substring of the text ending at j (Sellers'
 * "the match may start anywhere").
 */
export class MyersScanner {
  /**
   * @param {string} pattern - at least one character
   */
  constructor(pattern) {
    if (!pattern.length) throw new RangeError('the pattern is empty');
    this.pattern = pattern;
    this.length = pattern.length;
    this.blocks = Math.ceil(pattern.length / WORD);
    // The bit of the pattern's last row in each block.
    this.lastRow = new Int32Array(this.blocks).fill(1 << 31);
    this.lastRow[this.blocks - 1] = 1 << ((pattern.length - 1) % WORD);
    this.pv = new Int32Array(this.blocks);
    this.mv = new Int32Array(this.blocks);
    this.reset();
  }

  /**
   * Put this pattern's match bits in the shared table (see `shared`):
   * peq[c][b], bit r set where pattern[b * 32 + r] === c, for an ASCII c
   * at ascii[c * blocks + b].
   */
  load() {
    const { pattern, blocks } = this;
    const size = 128 * blocks;
    if (shared.ascii.length < size) shared.ascii = new Int32Array(size);
    else shared.ascii.fill(0, 0, size);
    if (shared.none.length < blocks) shared.none = new Int32Array(blocks);
    shared.other.clear();
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      const bit = 1 << (i & 31);
      if (code < 128) {
        shared.ascii[code * blocks + (i >> 5)] |= bit;
        continue;
      }
      let peq = shared.other.get(code);
      if (!peq) shared.other.set(code, (peq = new Int32Array(blocks)));
      peq[i >> 5] |= bit;
    }
    shared.owner = this;
  }

  /** Forget the text seen so far (the next scan starts a new search). */
  reset() {
    this.pv.fill(-1);
    this.mv.fill(0);
    this.errors = this.length;
  }

  /**
   * Feed text[from, to) and report every end position where the pattern
   * matches with at most `maxErrors` errors.
   *
   * @param {string} text
   * @param {number} from
   * @param {number} to
   * @param {number} maxErrors
   * @param {(end: number, errors: number) => void} onMatch
   *   `end` is the offset just past the match in `text`
   */
  scan(text, from, to, maxErrors, onMatch) {
    const { blocks, pv, mv, lastRow } = this;
    if (shared.owner !== this) this.load();
    const { ascii, other, none } = shared;
    let errors = this.errors;
    for (let j = from; j < to; j++) {
      const code = text.charCodeAt(j);
      let peq = ascii;
      let base = code * blocks;
      if (code >= 128) {
        peq = other.get(code) ?? none;
        base = 0;
      }
      // The horizontal difference carried from one block into the next; the
      // top row is all zeros (a match may start anywhere), so block 0 gets 0.
      let carry = 0;
      for (let b = 0; b < blocks; b++) {
        const p = pv[b];
        const m = mv[b];
        const carryNegative = carry >>> 31;
        const eq = peq[base + b] | carryNegative;
        const xv = eq | m;
        const xh = (((eq & p) + p) ^ p) | eq;
        let ph = m | ~(xh | p);
        let mh = p & xh;
        const out = (ph & lastRow[b] ? 1 : 0) - (mh & lastRow[b] ? 1 : 0);
        ph <<= 1;
        mh <<= 1;
        mh |= carryNegative;
        ph |= (carry > 0 ? 1 : 0);
        pv[b] = mh | ~(xv | ph);
        mv[b] = ph & xv;
        carry = out;
      }
      errors += carry;
      if (errors <= maxErrors) onMatch(j + 1, errors);
    }
    this.errors = errors;
  }
}
