"""Load: mixed traffic from concurrent clients against the real server, and
its memory after many captures.

    python benchmarks/load.py [--clients 16] [--seconds 60] [--captures 10000]
        [--threads 8] [--library 100000] [--data-dir DIR]

Phase 1 (mixed): each client loops over captures (some with a small page),
page reads, highlight lookups, searches and, now and then, a hatch, for a
fixed time. Reports requests/s, p50/p99 per kind, and errors (must be 0).
Phase 2 (memory): N more captures, RSS; then N more, RSS again: the second
figure must not grow past the first by more than noise.
The server runs with the shipped default of 8 threads, on a library of
--library highlights (20 per page, 60 KB articles) built first in DIR or a
temporary folder (0: start empty). Only 127.0.0.1 is contacted; every loop
is bounded in count and time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).parent))
from _library import DATABASE_FILE, build  # noqa: E402
from _server import Server  # noqa: E402

WORDS = ("tide moon ocean current shore harbour lighthouse swim forecast wave sand "
         "estuary headland sailor chart storm calm reef").split()
PAGE = "<article><h1>{title}</h1>" + "".join(
    f"<p>Paragraph {n}: {{body}}</p>" for n in range(12)) + "</article>"


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."


def capture_body(rng: random.Random, with_html: bool) -> dict:
    url = f"https://load.example/{rng.randint(0, 199)}"
    text = sentence(rng)
    body = {"id": str(uuid.uuid4()), "url": url, "title": f"Page {url[-3:]}", "text": text,
            "prefix": "", "suffix": "", "start": rng.randint(0, 5000), "end": 0,
            "note": rng.choice(["", "", sentence(rng)])}
    body["end"] = body["start"] + len(text)
    if with_html:
        body["html"] = PAGE.format(title=body["title"], body=text)
    return body


def mixed(server: Server, clients: int, seconds: float) -> None:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        session = requests.Session()
        session.headers.update(server.headers)
        page_ids: list[int] = []
        while time.monotonic() < stop_at:
            roll = rng.random()
            if roll < 0.45:
                kind, call = "capture", lambda: session.post(
                    server.url + "/api/captures", json=capture_body(rng, rng.random() < 0.3))
            elif roll < 0.65:
                kind, call = "highlights", lambda: session.get(
                    server.url + "/api/highlights",
                    params={"url": f"https://load.example/{rng.randint(0, 199)}"})
            elif roll < 0.80:
                kind, call = "pages", lambda: session.get(server.url + "/api/pages")
            elif roll < 0.97:
                kind, call = "search", lambda: session.get(
                    server.url + "/api/search", params={"q": rng.choice(WORDS)})
            else:
                kind, call = "hatch", lambda: session.post(
                    server.url + "/api/hatches",
                    json={"page_ids": rng.sample(page_ids, min(3, len(page_ids)))})
                if not page_ids:
                    continue
            started = time.perf_counter()
            try:
                response = call()
                ok = response.status_code < 300
                if kind == "pages" and ok:
                    page_ids = [p["id"] for p in response.json()["pages"]]
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies[kind].append(elapsed)
                if not ok:
                    errors[kind] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - started
    total = sum(len(v) for v in latencies.values())
    print(f"mixed load: {clients} clients for {wall:.0f} s: {total / wall:.0f} requests/s, "
          f"{sum(errors.values())} errors")
    print(f"{'kind':<12}{'count':>8}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for kind in sorted(latencies):
        values = sorted(latencies[kind])
        p99 = values[max(0, int(len(values) * 0.99) - 1)]
        print(f"{kind:<12}{len(values):>8}{statistics.median(values) * 1000:>10.1f}"
              f"{p99 * 1000:>10.1f}{errors[kind]:>8}")


def captures(server: Server, count: int, clients: int) -> None:
    def worker(n: int) -> None:
        rng = random.Random(1000 + n)
        session = requests.Session()
        session.headers.update(server.headers)
        for _ in range(count // clients):
            response = session.post(server.url + "/api/captures",
                                    json=capture_body(rng, rng.random() < 0.1))
            response.raise_for_status()

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--captures", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=8, help="the server's (shipped: 8)")
    parser.add_argument("--library", type=int, default=100_000,
                        help="highlights in the library before the load starts")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="hatchery-load-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    if args.library and not (data_dir / DATABASE_FILE).exists():
        seconds = build(data_dir, pages=max(1, args.library // 20), highlights=args.library,
                        article_kb=60)
        print(f"built a library of {args.library} highlights in {seconds:.0f} s")
    with Server(data_dir=data_dir, threads=args.threads) as server:
        process = psutil.Process(server.pid)
        print(f"server RSS at start: {process.memory_info().rss / 2**20:.0f} MB")
        mixed(server, args.clients, args.seconds)
        for round_ in (1, 2):
            started = time.perf_counter()
            captures(server, args.captures, args.clients)
            elapsed = time.perf_counter() - started
            print(f"after {round_ * args.captures} more captures ({args.captures / elapsed:.0f}/s): "
                  f"server RSS {process.memory_info().rss / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
