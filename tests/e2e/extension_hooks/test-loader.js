// Test build only (tests/e2e/extension_build.py puts it in the manifest in
// place of loader.js): start the highlighter as loader.js does, then add
// the test hooks, which need the page's parts that start() returns.
(async () => {
  try {
    const { start } = await import(chrome.runtime.getURL('src/content/main.js'));
    const parts = start();
    const { installTestHooks } = await import(chrome.runtime.getURL('src/content/test-hooks.js'));
    if (parts && window === window.top) installTestHooks(parts);
  } catch (error) {
    console.error('Hatchery (test build) could not start on this page:', error);
  }
})();
