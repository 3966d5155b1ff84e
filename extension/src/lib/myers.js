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
    this.length = pattern.length;
    this.blocks = Math.ceil(pattern.length / WORD);
    // peq[c][b]: bit r set where pattern[b * 32 + r] === c.
    this.none = new Int32Array(this.blocks);
    this.ascii = new Array(128).fill(this.none);
    this.other = new Map();
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let peq = code < 128 ? this.ascii[code] : this.other.get(code);
      if (!peq || peq === this.none) {
        peq = new Int32Array(this.blocks);
        if (code < 128) this.ascii[code] = peq;
        else this.other.set(code, peq);
      }
      peq[i >> 5] |= 1 << (i & 31);
    }
    // The bit of the pattern's last row in each block.
    this.lastRow = new Int32Array(this.blocks).fill(1 << 31);
    this.lastRow[this.blocks - 1] = 1 << ((pattern.length - 1) % WORD);
    this.pv = new Int32Array(this.blocks);
    this.mv = new Int32Array(this.blocks);
    this.reset();
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
    const { blocks, pv, mv, lastRow, ascii, other, none } = this;
    let errors = this.errors;
    for (let j = from; j < to; j++) {
      const code = text.charCodeAt(j);
      const peq = code < 128 ? ascii[code] : other.get(code) ?? none;
      // The horizontal difference carried from one block into the next; the
      // top row is all zeros (a match may start anywhere), so block 0 gets 0.
      let carry = 0;
      for (let b = 0; b < blocks; b++) {
        const p = pv[b];
        const m = mv[b];
        const carryNegative = carry >>> 31;
        const eq = peq[b] | carryNegative;
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
