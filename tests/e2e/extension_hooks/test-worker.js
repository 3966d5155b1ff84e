// Test build only (the manifest's service worker there): the real worker,
// plus handles a test reaches from the worker's console. Playwright cannot
// open the native context menu, so a test calls its handler directly.
import './service-worker.js';
import { commandFired, menuClicked } from './commands.js';

globalThis.hatchery = { menuClicked, commandFired };
