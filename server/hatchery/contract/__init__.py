"""The HTTP contract: the request and response shapes and their limits,
declared once. The API validates with them, `/api/openapi.json` is made from
them, and the store, the importers and the library read the same limits."""
