import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('highlights inside shadow roots are painted by the same rules as marks.css', async () => {
  // highlighter.js only touches DOM globals when drawing, so it imports in node.
  const { SHADOW_MARK_STYLE } = await import('../../extension/src/content/highlighter.js');
  const css = readFileSync(new URL('../../extension/src/content/marks.css', import.meta.url), 'utf8');
  const rules = css.slice(css.indexOf('::highlight(')).trim();
  assert.equal(SHADOW_MARK_STYLE, rules);
});
