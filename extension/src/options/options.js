import { testConnection } from '../lib/api.js';
import { getSettings, saveSettings } from '../background/settings.js';

const form = document.getElementById('settings');
const serverUrl = document.getElementById('serverUrl');
const token = document.getElementById('token');
const result = document.getElementById('result');

function show(ok, message) {
  result.className = ok ? 'ok' : 'error';
  result.textContent = message;
}

async function load() {
  const settings = await getSettings();
  serverUrl.value = settings.serverUrl;
  token.value = settings.token;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  await saveSettings({ serverUrl: serverUrl.value, token: token.value });
  show(true, 'Saved.');
  // Anything waiting can go now that the settings may be right.
  chrome.runtime.sendMessage({ type: 'flush' }).catch(() => {});
});

document.getElementById('test').addEventListener('click', async () => {
  show(true, 'Testing…');
  const outcome = await testConnection({
    baseUrl: serverUrl.value,
    token: token.value.trim(),
  });
  show(outcome.ok, outcome.message);
});

load();
