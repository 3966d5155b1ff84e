/**
 * An index of every GRAM_LENGTH-character run ("gram") of a page text, so
 * that where a short piece of text occurs can be answered without reading
 * the whole text again: built once per page text, it serves every
 * highlight's search. A highlight whose words are gone would otherwise cost
 * a read of the whole page per search (and a 1 MB page with 1,000 such
 * highlights, minutes).
 *
 * The grams are hashed into buckets (a rolling polynomial hash), and each
 * bucket lists the offsets of its grams in text order: a counting sort, so
 * building costs a few passes over the text and the index is two typed
 * arrays. A piece is looked up by its rarest gram and every offset in that
 * bucket checked against the text, so hash collisions cost time, never a
 * wrong answer.
 *
 * Those two arrays are all the build allocates (8.6 MB for a 1.1 MB text,
 * 17 MB when it also kept every gram's bucket and a cursor per bucket):
 * each pass hashes the grams again, a chunk at a time into one small
 * shared buffer, and the grams are placed from the text's end backwards so
 * that the bucket starts themselves serve as the cursors. Megabytes
 * allocated while a page is being anchored set off the collections that
 * made slices long.
 *
 * The build is a generator of bounded steps, like the rest of the matcher:
 * it yields every step's worth of work (see match-candidates.js) and can be resumed by whichever
 * search needs the index next.
 */

// Characters in a gram: long enough that most grams of prose are rare,
// short enough that a piece of a quote holds several.
export const GRAM_LENGTH = 8;

// The polynomial hash's base (odd, so multiplying by it loses no bits mod 2^32).
const BASE = 0x01000193;
// BASE ** (GRAM_LENGTH - 1) mod 2^32: the weight of a gram's first character.
const FIRST_WEIGHT = (() => {
  let w = 1;
  for (let i = 1; i < GRAM_LENGTH; i++) w = Math.imul(w, BASE);
  return w;
})();
// Spreads the hash's bits before its top bits pick the bucket (Fibonacci hashing).
const MIX = 0x9e3779b1;

// Buckets: about one per gram, within these bounds (2^20 buckets is 4 MB).
const MIN_BUCKET_BITS = 8;
const MAX_BUCKET_BITS = 20;

// Units of work (see match-candidates.js) per gram and pass of the build:
// a hash and two array writes cost about what 4 units of the bit-parallel
// search do (measured in node and Chromium).
const UNITS_PER_POSITION = 4;

// The longest piece and the most offsets `findShort` looks at: a few
// thousand units of work at most, well under a step.
export const SHORT_PIECE = 64;
export const MAX_SHORT_LOOK = 1024;

// Grams per loop between two looks at the budget, at most: a step's worth,
// and small, because the first loops run before the compiler has optimised
// them, ten times slower.
const MAX_CHUNK = 4096;

// Entries of a new array written per step before the build uses it (see
// `touch`): 64 kB, 16 pages of memory, each a fault of 5-20 us the first
// time (measured in node on this machine).
const TOUCH_PER_STEP = 1 << 14;

/** The hash of the gram starting at `at` in `s`. */
function gramHash(s, at) {
  let h = 0;
  for (let i = 0; i < GRAM_LENGTH; i++) h = (Math.imul(h, BASE) + s.charCodeAt(at + i)) | 0;
  return h;
}

// The buckets of one chunk of grams, shared by every index: a chunk is
// hashed and used within one call, so no two builds ever need it at once.
const chunkBuckets = new Int32Array(MAX_CHUNK);

/**
 * Put the buckets of the grams starting at offsets [from, stop) of `text`
 * in chunkBuckets[0, stop - from): a rolling hash, started afresh at `from`
 * (eight characters more per chunk) so that no hash is carried between steps.
 */
function hashChunk(text, from, stop, shift) {
  let h = gramHash(text, from);
  chunkBuckets[0] = Math.imul(h, MIX) >>> shift;
  for (let i = from + 1; i < stop; i++) {
    // Rolling: drop the gram's first character, add the next one.
    const dropped = Math.imul(text.charCodeAt(i - 1), FIRST_WEIGHT);
    h = (Math.imul((h - dropped) | 0, BASE) + text.charCodeAt(i + GRAM_LENGTH - 1)) | 0;
    chunkBuckets[i - from] = Math.imul(h, MIX) >>> shift;
  }
}

export class GramIndex {
  /**
   * An index of `text`, not built yet: `build` builds it, in steps.
   *
   * @param {string} text
   */
  constructor(text) {
    this.text = text;
    // Gram start offsets: text.length - GRAM_LENGTH + 1 of them (or none).
    this.count = Math.max(0, text.length - GRAM_LENGTH + 1);
    this.bits = Math.min(
      MAX_BUCKET_BITS,
      Math.max(MIN_BUCKET_BITS, Math.ceil(Math.log2(this.count + 1))),
    );
    this.ready = false;
    /** @type {Int32Array|null} bucket k's offsets are positions[starts[k], starts[k + 1]) */
    this.starts = null;
    /** @type {Int32Array|null} gram offsets, grouped by bucket, in text order within each */
    this.positions = null;
    /** `findShort`'s rarest gram, reused (see `findRarest`). */
    this.rarest = { at: -1, bucket: 0, size: Infinity };
    // Progress of the build, so any caller can resume it: the phase and
    // how far into it (-1: over).
    this.phase = 0;
    this.done = 0;
  }

  /**
   * Keep in `rarest` the rarest of the grams starting at `from` up to `to`
   * (exclusive) in `piece`, if rarer than the one it holds: where in the
   * piece it starts, its bucket and the bucket's size. Numbers in one
   * object the caller keeps, not an object per better gram: a search looks
   * up thousands of pieces.
   */
  findRarest(piece, from, to, rarest) {
    const { starts } = this;
    const last = Math.min(to, piece.length - GRAM_LENGTH + 1);
    for (let at = from; at < last; at++) {
      const bucket = this.bucketOf(gramHash(piece, at));
      const size = starts[bucket + 1] - starts[bucket];
      if (size < rarest.size) {
        rarest.at = at;
        rarest.bucket = bucket;
        rarest.size = size;
      }
    }
  }

  /** The bucket of a gram hash. */
  bucketOf(hash) {
    return Math.imul(hash, MIX) >>> (32 - this.bits);
  }

  /**
   * Build the index (or go on building it), yielding every `budget` step.
   *
   * @param {import('./match-candidates.js').Budget} budget
   * @returns {Generator<number, void>}
   */
  *build(budget) {
    // Each phase goes on from `this.done` and says whether it is over; a
    // large array is allocated in a step of its own (zeroing megabytes and
    // the collection it may set off are work too).
    // A budget without steps (one that never yields) builds in big chunks.
    const perStep = budget.perStep ?? MAX_CHUNK * UNITS_PER_POSITION;
    const chunk = Math.max(64, Math.min(MAX_CHUNK, Math.floor(perStep / UNITS_PER_POSITION)));
    const phases = [
      () => this.allocate('starts', (1 << this.bits) + 1, perStep),
      () => this.touch('starts', perStep),
      () => this.allocate('positions', this.count, perStep),
      () => this.touch('positions', perStep),
      () => this.countGrams(chunk),
      () => this.countToEnds(chunk),
      () => this.placeGrams(chunk),
    ];
    while (this.phase < phases.length) {
      const units = phases[this.phase]();
      if (this.done === -1) {
        this.phase += 1;
        this.done = 0;
      }
      if (budget.charge(units)) yield budget.endStep();
    }
    this.ready = true;
  }

  /** One array of the build; as much work as a step (`perStep`). */
  allocate(name, length, perStep) {
    this[name] = new Int32Array(length);
    this.done = -1;
    return perStep;
  }

  /**
   * Write the next TOUCH_PER_STEP entries of a new array (zeros, as it
   * is): the system gives a large new array its memory only when a page
   * of it is first written, and the placing phases write all over the
   * arrays at random, so their first chunk alone would take the faults of
   * a thousand pages (a slice of 16-35 ms in Chromium, measured in a
   * trace). In order, a bounded number of pages a step, they cost a step each.
   */
  touch(name, perStep) {
    const array = this[name];
    const from = this.done;
    const stop = Math.min(array.length, from + TOUCH_PER_STEP);
    array.fill(0, from, stop);
    this.done = stop === array.length ? -1 : stop;
    return perStep;
  }

  /** Count the next grams in their buckets (bucket k's count in starts[k]). */
  countGrams(chunk) {
    const { text, count, starts } = this;
    const from = this.done;
    const stop = Math.min(count, from + chunk);
    if (stop > from) hashChunk(text, from, stop, 32 - this.bits);
    for (let i = 0; i < stop - from; i++) starts[chunkBuckets[i]] += 1;
    this.done = stop === count ? -1 : stop;
    return (stop - from) * UNITS_PER_POSITION;
  }

  /**
   * Turn the next bucket counts into where each bucket ends (a running
   * total): placing a bucket's grams, last first, moves its end to its start.
   */
  countToEnds(chunk) {
    const { starts } = this;
    const size = starts.length - 1;
    const from = this.done;
    const stop = Math.min(size, from + UNITS_PER_POSITION * chunk);
    for (let k = Math.max(1, from); k < stop; k++) starts[k] += starts[k - 1];
    if (stop === size) starts[size] = this.count;
    this.done = stop === size ? -1 : stop;
    return stop - from;
  }

  /** Put the next grams' offsets in their buckets, going back from the text's end. */
  placeGrams(chunk) {
    const { text, count, starts, positions } = this;
    // `done` grams are placed, the last ones of the text.
    const stop = count - this.done;
    const from = Math.max(0, stop - chunk);
    if (stop > from) hashChunk(text, from, stop, 32 - this.bits);
    for (let i = stop - 1; i >= from; i--) positions[--starts[chunkBuckets[i - from]]] = i;
    this.done = from === 0 ? -1 : count - from;
    return (stop - from) * UNITS_PER_POSITION;
  }

  /**
   * `find` for a short piece, in one call: no generator (a whole-text
   * search looks up a dozen pieces per highlight, and their generators
   * were the largest share of what it allocated, 3 of 10 MB for 500
   * orphans in node). Bounded work: the piece's grams, and at most
   * `maxLook` offsets checked.
   *
   * @param {string} piece at least GRAM_LENGTH characters, at most SHORT_PIECE
   * @param {number} limit stop after this many
   * @param {number} maxLook as in `find`; at most MAX_SHORT_LOOK
   * @returns {{hits: number[], complete: boolean, work: number}} as `find`,
   *   and the units of work done (for the caller's budget)
   */
  findShort(piece, limit, maxLook) {
    if (piece.length > SHORT_PIECE || maxLook > MAX_SHORT_LOOK) {
      throw new RangeError('findShort takes short pieces and a bounded look');
    }
    const { text, starts, positions, rarest } = this;
    rarest.size = Infinity;
    this.findRarest(piece, 0, piece.length, rarest);
    const { at: bestAt, bucket: bestBucket, size: bestSize } = rarest;
    let work = piece.length * GRAM_LENGTH;
    if (bestSize > maxLook) return { hits: [], complete: false, work };
    const hits = [];
    const end = starts[bestBucket + 1];
    const checkWork = 1 + (piece.length >> 4);
    for (let k = starts[bestBucket]; k < end; k++) {
      const start = positions[k] - bestAt;
      work += checkWork;
      if (start >= 0 && text.startsWith(piece, start)) {
        if (hits.length === limit) return { hits, complete: false, work };
        hits.push(start);
      }
    }
    return { hits, complete: true, work };
  }

  /**
   * Every offset where `piece` occurs in the text, in order, looked up by
   * its rarest gram. Call once the index is built.
   *
   * @param {string} piece at least GRAM_LENGTH characters
   * @param {number} limit stop after this many
   * @param {import('./match-candidates.js').Budget} budget
   * @param {number} [maxLook] give up (incomplete, no hits) when even the
   *   rarest gram occurs more often than this: the piece is too common to
   *   tell places apart
   * @returns {Generator<number, {hits: number[], complete: boolean}>}
   *   complete is false when there were more than `limit`
   */
  *find(piece, limit, budget, maxLook = Infinity) {
    const { text, starts, positions } = this;
    // Its own, not `this.rarest`: other searches run between its steps.
    const rarest = { at: -1, bucket: 0, size: Infinity };
    // A piece may be a whole quote of 100,000 characters: its grams are
    // hashed a step's worth (256 grams) at a time.
    for (let from = 0; from < piece.length; from += 256) {
      this.findRarest(piece, from, Math.min(from + 256, piece.length), rarest);
      const grams = Math.min(256, piece.length - from);
      if (budget.charge(grams * GRAM_LENGTH)) yield budget.endStep();
    }
    const { at: bestAt, bucket: bestBucket, size: bestSize } = rarest;
    if (bestSize > maxLook) return { hits: [], complete: false };
    const hits = [];
    const end = starts[bestBucket + 1];
    // Comparing the piece with the text is native and fast, but a long
    // piece still costs its length (a bucket of a very common gram, such as
    // a run of spaces, is long too).
    const checkWork = 1 + (piece.length >> 4);
    for (let k = starts[bestBucket]; k < end; k++) {
      const start = positions[k] - bestAt;
      if (start >= 0 && text.startsWith(piece, start)) {
        if (hits.length === limit) return { hits, complete: false };
        hits.push(start);
      }
      if (budget.charge(checkWork)) yield budget.endStep();
    }
    return { hits, complete: true };
  }
}
