"""The tune/report split every benchmark over `summaries/` uses.

A cluster belongs to the *tune* half or the *report* half by its id alone
(the last hex digit of sha1(id), even or odd), so the split is the same in
every run and on every machine, and a figure quoted from the report half was
never used to pick a threshold.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

HALVES = ("tune", "report", "all")


def half_of(cluster_id: str) -> str:
    """"tune" or "report" for a cluster id."""
    digit = int(hashlib.sha1(cluster_id.encode("utf-8")).hexdigest()[-1], 16)
    return "tune" if digit % 2 == 0 else "report"


def read_clusters(path: Path, half: str = "report") -> Iterator[dict]:
    """The clusters of `path` (JSON lines) in `half` ("tune", "report" or "all")."""
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                cluster = json.loads(line)
                if half == "all" or half_of(cluster["id"]) == half:
                    yield cluster
