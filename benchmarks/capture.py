"""Capture throughput and latency against the real server.

    python benchmarks/capture.py ../shared/bench-data/extraction [--requests 600] [--clients 4]

Measures, on one server started on a free port:
  health           GET /api/health (the baseline: routing, guards, JSON)
  capture          POST /api/captures without HTML
  capture+html     with a ~100 KB page whose HTML changes each time (extracts),
                   one client: a latency figure
  capture repeat   with the same ~100 KB page again (same hash: no extraction),
                   one client
and prints requests/s, p50 and p99 latency, and the ratios the targets use.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from _server import Server  # noqa: E402

TARGET_PAGE_BYTES = 100_000


def pick_page(data_dir: Path) -> str:
    """The benchmark page closest to 100 KB of HTML."""
    pages = [gzip.open(p).read().decode("utf-8", "replace")
             for p in sorted((data_dir / "html").glob("*.html.gz"))]
    return min(pages, key=lambda html: abs(len(html.encode()) - TARGET_PAGE_BYTES))


def run(name: str, count: int, clients: int, call) -> dict:
    latencies: list[float] = []

    def one(i: int) -> None:
        started = time.perf_counter()
        response = call(i)
        latencies.append(time.perf_counter() - started)
        if response.status_code >= 300:
            raise RuntimeError(f"{name}: HTTP {response.status_code} {response.text[:200]}")

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(count)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"name": name, "rps": count / elapsed,
            "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="the extraction bench data folder")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    page = pick_page(args.data_dir)
    print(f"page: {len(page.encode()) / 1000:.0f} KB of HTML; {args.requests} requests, "
          f"{args.clients} clients")

    with Server() as server:
        sessions: dict[int, requests.Session] = {}

        def session() -> requests.Session:
            import threading

            key = threading.get_ident()
            if key not in sessions:
                sessions[key] = requests.Session()
                sessions[key].headers.update(server.headers)
            return sessions[key]

        def capture(url: str, html: str | None = None):
            body = {"id": str(uuid.uuid4()), "url": url, "title": "Bench",
                    "text": "a highlight", "prefix": "", "suffix": "", "start": 0, "end": 11}
            if html is not None:
                body["html"] = html
            return session().post(server.url + "/api/captures", json=body, timeout=60)

        # Warm up: imports, first connection, SQLite pages.
        for _ in range(20):
            session().get(server.url + "/api/health")
        capture("https://bench.example/repeat", page)

        n, c = args.requests, args.clients
        results = [
            run("health", n, c, lambda i: session().get(server.url + "/api/health")),
            run("capture", n, c, lambda i: capture(f"https://bench.example/p/{i % 50}")),
            # Latency targets: one client, so the figure is the route's own
            # time and not time spent queueing behind other clients.
            run("capture+html (extracts)", max(n // 10, 20), 1,
                lambda i: capture(f"https://bench.example/h/{i}",
                                  page.replace("</body>", f"<!-- {i} --></body>"))),
            run("capture repeat (cached)", n // 2, 1,
                lambda i: capture("https://bench.example/repeat", page)),
        ]

    print(f"\n{'route':<26}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for r in results:
        print(f"{r['name']:<26}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p99']:>10.1f}")
    health, plain, html, repeat = results
    print(f"\ncapture/health throughput: {plain['rps'] / health['rps']:.2f} (target >= 0.50)")
    print(f"capture+html p50: {html['p50']:.1f} ms (target <= 40)")
    print(f"capture repeat p50: {repeat['p50']:.1f} ms (target <= 10)")


if __name__ == "__main__":
    main()
