// Content scripts cannot be ES modules, so this classic script loads the
// module graph from the extension (listed in web_accessible_resources).
(async () => {
  try {
    const { start } = await import(chrome.runtime.getURL('src/content/main.js'));
    start();
  } catch (error) {
    console.error('Hatchery could not start on this page:', error);
  }
})();
