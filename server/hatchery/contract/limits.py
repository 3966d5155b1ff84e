"""Every limit the server enforces, in one place, so the API, the spec, the
store, the importers and the library cannot disagree."""

from __future__ import annotations

# The highlight colours, in the order the toolbar shows them. The extension
# keeps the same list in `extension/src/lib/colors.js`; a test checks both.
COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")
DEFAULT_COLOR = "yellow"

MAX_TEXT = 100_000      # a highlight longer than this is a selection gone wrong
MAX_CONTEXT = 2_000     # prefix/suffix: the extension sends 32 characters
MAX_NOTE = 50_000
MAX_TAGS = 50
MAX_TAG = 100
MAX_URL = 8_192
MAX_CLIENT_ID = 64
MAX_INTEGER = 2**53     # positions and offsets; also JavaScript's safe range
MAX_TITLE = 2_000
MAX_ENGINE = 50

# What a hatch request may pick at most: the hatch pipeline caps the same
# numbers after removing repeats.
MAX_HATCH_PAGES = 50
MAX_HATCH_HIGHLIGHTS = 500

# Paging of lists: `limit` per answer.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

# The engines a hatch request may name ("llm" only once a model is
# configured; the served spec lists just the configured ones) and its lengths.
ENGINES: tuple[str, ...] = ("local", "llm")
LENGTHS: tuple[str, ...] = ("short", "medium", "long")

# The whole-library export formats; `hatch` exports one hatch as Markdown.
EXPORT_FORMATS: tuple[str, ...] = ("json", "markdown", "csv", "jsonld")
# Longer than any pairing code with dashes and spaces; anything longer is not one.
MAX_PAIRING_CODE = 32
