import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorPortName, isEditorPort } from '../../extension/src/lib/editor-port.js';

test("an editor's port is named with its frame's secret", () => {
  const name = editorPortName('4f6c');
  assert.ok(isEditorPort(name));
  assert.notEqual(name, editorPortName('9a1b'));
});

test('other ports, and an editor port without a secret, are not relayed', () => {
  assert.equal(isEditorPort('hatchery-editor:'), false);
  assert.equal(isEditorPort('something-else'), false);
  assert.equal(isEditorPort(undefined), false);
});
