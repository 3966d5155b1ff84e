"""Loading what every hatch reads before the first one, and setting it
aside from the garbage collector.

What the first hatch loads lives as long as the process: the tagger's
lexicon (a dictionary of 94,000 words), wordfreq's word lists (321,000
words in English) and the modules around them, about 48,000 objects.
Python's full collection walks every object it tracks and every entry of
each: 29 ms here in a bare process, 34-42 ms in a hatching one, paid by
whichever request happens to trigger it (one cold hatch in three in
`benchmarks/summaries.py`). Frozen (`gc.freeze`) once loaded, they are
never walked again: a full collection then takes 1-3 ms.
"""

from __future__ import annotations

import gc

from . import speech
from .rarity import zipf


def warm_up() -> None:
    """Load the tagger's lexicon and the English word frequencies (about a
    second), then freeze what the process holds so far. `hatchery serve`
    calls this in a background thread once it listens; anything loaded
    later is collected as usual."""
    speech.warm_up()
    zipf("warm")
    gc.collect()  # nothing already garbage is kept for good
    gc.freeze()
