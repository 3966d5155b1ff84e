"""Library scale: the page list, the library index and search at 100k
highlights over 5,000 pages, through the real server.

    python benchmarks/library_scale.py [--pages 5000] [--highlights 100000]
        [--article-kb 60] [--requests 200] [--data-dir DIR]
        [--grown-by import|captures]

Builds the library in a temporary folder (or DIR, reused when it already
holds one), starts `hatchery serve` on it, then times each route
sequentially; /api/health in the same run is the baseline (what a request
costs with no work). Goal: p50 <= 30 ms for every route. "CPU ms" is the
server's CPU per request (mean), which other work on a shared machine does
not stretch as it stretches wall time. Only 127.0.0.1 is contacted.

`--grown-by captures` writes the library as captures do, one transaction
each, which leaves the search indexes in many segments (an import merges
them). The routes are timed as that leaves them, then the server is left
idle until its upkeep has merged every index (the time and the server's
CPU it took are printed), then timed again: before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from _library import DATABASE_FILE, SEARCH_WORDS, build  # noqa: E402
from _server import Server  # noqa: E402

from hatchery.store.search import SEARCH_INDEXES  # noqa: E402

GOAL_MS = 30.0


def _login(server: Server, data_dir: Path) -> requests.Session:
    from hatchery.services.logins import new_login_code
    from hatchery.store import Store

    store = Store(data_dir / DATABASE_FILE)
    code = new_login_code(store)
    store.close()
    session = requests.Session()
    session.get(f"{server.url}/login", params={"code": code}).raise_for_status()
    return session


def _server_cpu_seconds(pid: int) -> float | None:
    """The CPU the server process has used (Linux /proc), or None: unlike
    wall time, it does not grow when other work shares the machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time(call, count: int, pid: int) -> tuple[list[float], float | None]:
    """Sorted wall times of `count` calls, and the server's mean CPU per call."""
    call().raise_for_status()  # warm the caches once, as a person's second view
    values = []
    cpu_before = _server_cpu_seconds(pid)
    for _ in range(count):
        started = time.perf_counter()
        call().raise_for_status()
        values.append(time.perf_counter() - started)
    cpu_after = _server_cpu_seconds(pid)
    cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) / count
    return sorted(values), cpu


def _routes(server: Server, data_dir: Path) -> dict:
    api = requests.Session()
    api.headers.update(server.headers)
    library = _login(server, data_dir)
    routes = {
        "/api/health (baseline)": lambda: api.get(f"{server.url}/api/health"),
        "/api/pages": lambda: api.get(f"{server.url}/api/pages"),
        "/api/pages?offset=4000": lambda: api.get(f"{server.url}/api/pages",
                                                  params={"offset": 4000}),
        "library index": lambda: library.get(f"{server.url}/"),
        "library index, page 100": lambda: library.get(f"{server.url}/",
                                                       params={"page": 100}),
    }
    for word, share in zip(SEARCH_WORDS, ("common", "middling", "rare")):
        routes[f"/api/search ({share} word)"] = (
            lambda w=word: api.get(f"{server.url}/api/search", params={"q": w}))
        routes[f"library search ({share})"] = (
            lambda w=word: library.get(f"{server.url}/search", params={"q": w}))
    return routes


def _report(title: str, results: dict) -> None:
    baseline = statistics.median(results["/api/health (baseline)"][0])
    print(f"\n{title}")
    print(f"{'route':<32}{'p50 ms':>9}{'p99 ms':>9}{'x health':>10}{'CPU ms':>9}"
          f"  goal p50 <= {GOAL_MS:.0f} ms")
    for name, (values, cpu) in results.items():
        p50 = statistics.median(values)
        p99 = values[max(0, int(len(values) * 0.99) - 1)]
        verdict = "" if name.startswith("/api/health") else (
            "ok" if p50 * 1000 <= GOAL_MS else "SLOW")
        cpu_ms = "n/a" if cpu is None else f"{cpu * 1000:.1f}"
        print(f"{name:<32}{p50 * 1000:>9.1f}{p99 * 1000:>9.1f}{p50 / baseline:>10.1f}"
              f"{cpu_ms:>9}  {verdict}")


def _segments(data_dir: Path) -> dict[str, int]:
    """Each search index's segment count, read beside the running server."""
    conn = sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True)
    try:
        return {index: conn.execute(f"SELECT COUNT(DISTINCT segid) FROM {index}_idx")
                .fetchone()[0] for index in SEARCH_INDEXES}
    finally:
        conn.close()


def _wait_for_idle_merge(data_dir: Path, pid: int, limit_seconds: float) -> None:
    """Leave the server idle until every search index is one segment."""
    started, cpu_before = time.monotonic(), _server_cpu_seconds(pid)
    while max(_segments(data_dir).values()) > 1:
        if time.monotonic() - started > limit_seconds:
            print(f"upkeep had not merged the indexes after {limit_seconds:.0f} s")
            return
        time.sleep(1.0)
    cpu_after = _server_cpu_seconds(pid)
    cpu = "n/a" if cpu_before is None or cpu_after is None else f"{cpu_after - cpu_before:.1f} s"
    print(f"\nidle upkeep merged every index in {time.monotonic() - started:.0f} s "
          f"(server CPU {cpu}): {_segments(data_dir)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--highlights", type=int, default=100_000)
    parser.add_argument("--article-kb", type=int, default=60)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--grown-by", choices=("import", "captures"), default="import",
                        help="how a new library is written (default: import)")
    parser.add_argument("--merge-limit", type=float, default=3600,
                        help="seconds to wait for the idle merge (captures only)")
    args = parser.parse_args()
    by_captures = args.grown_by == "captures"
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="hatchery-scale-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    if not (data_dir / DATABASE_FILE).exists():
        seconds = build(data_dir, pages=args.pages, highlights=args.highlights,
                        article_kb=args.article_kb, by_captures=by_captures)
        print(f"built {args.highlights} highlights over {args.pages} pages "
              f"({args.article_kb} KB articles, by {args.grown_by}) in {seconds:.0f} s: "
              f"{data_dir}")
    size = (data_dir / DATABASE_FILE).stat().st_size / 2**20
    print(f"database: {size:.0f} MB; search index segments: {_segments(data_dir)}")
    with Server(data_dir=data_dir) as server:
        routes = _routes(server, data_dir)
        pid = server.process.pid
        # Back to back: the server is never idle, so its upkeep waits.
        results = {name: _time(call, args.requests, pid) for name, call in routes.items()}
        _report("as the library is" if not by_captures else
                "as captures left the indexes", results)
        if by_captures:
            _wait_for_idle_merge(data_dir, pid, args.merge_limit)
            results = {name: _time(call, args.requests, pid) for name, call in routes.items()}
            _report("after the idle upkeep merged them", results)


if __name__ == "__main__":
    main()
