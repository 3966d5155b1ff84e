import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandFired, menuClicked, MENU_ID } from '../../extension/src/background/commands.js';

// A tab whose frames answer `highlight-selection` as the content script
// does: `focused` is the frame with the keyboard focus (null: none of them,
// as when the address bar has it).
function tabWithFrames({ focused }) {
  const sent = [];
  globalThis.chrome = {
    tabs: {
      query: async () => [{ id: 7 }],
      sendMessage: async (tabId, message, options = {}) => {
        sent.push({ tabId, message, frameId: options.frameId });
        if (options.frameId !== undefined) return { id: `made in frame ${options.frameId}` };
        // Sent to every frame: only the focused one answers.
        if (focused === null) throw new Error('Could not establish connection.');
        return { id: `made in frame ${focused}` };
      },
    },
  };
  return sent;
}

test('the shortcut highlights in the frame that has the focus', async () => {
  const sent = tabWithFrames({ focused: 3 });
  assert.deepEqual(await commandFired('highlight-selection', { id: 7 }), { id: 'made in frame 3' });
  assert.deepEqual(sent, [
    { tabId: 7, message: { type: 'highlight-selection', focusedOnly: true }, frameId: undefined },
  ]);
});

test('with the focus outside the page, the shortcut highlights in the top page', async () => {
  const sent = tabWithFrames({ focused: null });
  assert.deepEqual(await commandFired('highlight-selection', undefined), { id: 'made in frame 0' });
  assert.deepEqual(sent.map((m) => m.frameId), [undefined, 0]);
  assert.deepEqual(sent[1].message, { type: 'highlight-selection' });
});

test('the context menu highlights in the frame it was opened in', async () => {
  const sent = tabWithFrames({ focused: null });
  assert.deepEqual(await menuClicked({ menuItemId: MENU_ID, frameId: 5 }, { id: 7 }),
    { id: 'made in frame 5' });
  assert.equal(await menuClicked({ menuItemId: 'other' }, { id: 7 }), null);
  assert.equal(await commandFired('other-command', { id: 7 }), null);
  assert.deepEqual(sent.map((m) => m.frameId), [5]);
});
