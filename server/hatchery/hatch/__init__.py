"""The hatching engine: merged write-ups from highlights across pages.

Placeholder until the hatch-engine issue lands; the API answers 501.
"""


class NothingToHatch(ValueError):
    """The sources carry no highlight and no text to hatch from."""


def hatch(sources, *, engine="local", length="short"):
    raise NotImplementedError("the hatching engine is not built yet")
