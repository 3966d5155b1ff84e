"""An extractor that never finishes, as a hostile page makes the real one:
a catastrophic regex, which holds the GIL and cannot be interrupted.
Module level so the extraction worker's child process can import it."""

import re


def forever(html: str, url: str | None = None):
    while True:
        re.match(r"(a+)+$", "a" * 64 + "b")
