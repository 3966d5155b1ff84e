/**
 * The popup's engine picker: which engines the server offers, and the
 * language model by its real name (what /api/health says the server asks).
 */

/** What the picker says when the server does not name its model. */
const UNNAMED_MODEL = 'Language model';

/**
 * The picker's label for one engine.
 *
 * @param {string} engine "local" or "llm"
 * @param {{llm_model?: string|null}} health the server's /api/health answer
 * @returns {string|null} the label, or null to keep the page's own
 */
export function engineLabel(engine, health) {
  if (engine !== 'llm') return null;
  return health.llm_model ? `Model: ${health.llm_model}` : UNNAMED_MODEL;
}

/**
 * Show the engines the server offers in `select` (hidden when there is
 * only one), each under its label.
 *
 * @param {HTMLSelectElement} select
 * @param {{engines?: string[], llm_model?: string|null}} health
 */
export function showEngines(select, health) {
  const engines = health.engines ?? ['local'];
  select.hidden = engines.length < 2;
  for (const option of select.options) {
    option.hidden = !engines.includes(option.value);
    const label = engineLabel(option.value, health);
    if (label !== null) {
      option.textContent = label;
      option.title = label;
    }
  }
}
