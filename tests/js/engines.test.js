import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineLabel, showEngines } from '../../extension/src/popup/engines.js';

/** A <select> with the popup's two options, as much of one as showEngines uses. */
function picker() {
  return {
    hidden: true,
    options: [
      { value: 'local', textContent: 'This computer', hidden: false },
      { value: 'llm', textContent: 'Language model', hidden: false },
    ],
  };
}

test('the language model is shown by the name the server asks it by', () => {
  assert.equal(engineLabel('llm', { llm_model: 'qwen2.5:7b' }), 'Model: qwen2.5:7b');
  assert.equal(engineLabel('llm', {}), 'Language model');
  assert.equal(engineLabel('local', { llm_model: 'qwen2.5:7b' }), null);
});

test('a server with a model offers both engines, the model by name', () => {
  const select = picker();
  showEngines(select, { engines: ['local', 'llm'], llm_model: 'llama3.2:3b' });
  assert.equal(select.hidden, false);
  assert.deepEqual(
    select.options.map((o) => [o.textContent, o.hidden]),
    [
      ['This computer', false],
      ['Model: llama3.2:3b', false],
    ],
  );
});

test('a server without a model hides the picker', () => {
  const select = picker();
  showEngines(select, { engines: ['local'], llm_model: null });
  assert.equal(select.hidden, true);
  assert.equal(select.options[1].hidden, true);
});
