/**
 * Driving step generators: the matcher's searches yield a count of work
 * done between steps, so the main thread can stop them at a deadline
 * (`runSteps`) and a worker or a test can run them through (`finish`).
 */

/**
 * Advance a step generator until it is done or `deadline` has passed.
 *
 * @template T
 * @param {Generator<number, T>} steps
 * @param {number} deadline - in the clock's units (performance.now())
 * @param {() => number} [now]
 * @returns {{done: boolean, value: T | number}} value is the result once done
 */
export function runSteps(steps, deadline, now = () => performance.now()) {
  for (;;) {
    const step = steps.next();
    if (step.done || now() >= deadline) return step;
  }
}

/**
 * Run a step generator to its end.
 *
 * @template T
 * @param {Generator<number, T>} steps
 * @returns {T}
 */
export function finish(steps) {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
