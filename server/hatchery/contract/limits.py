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
