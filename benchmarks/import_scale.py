"""A 100,000-highlight import, end to end, while the server takes captures.

    .venv/bin/python benchmarks/import_scale.py [--highlights 100000]
        [--formats hypothesis,readwise-csv,kindle] [--pace-ms 50]

For each format: a real `hatchery serve` on a free port with a fresh data
folder (a real SQLite file); captures posted one at a time, every PACE ms,
first on the idle server, then while `hatchery import FILE --data-dir`
(the CLI, a separate process, writing into the same SQLite file) imports a
generated file of that format. Printed per format: the import's wall time
and peak RSS (its own process, from wait4), what it imported, and capture
p50/p99 latency idle and during the import, with errors. Goals: under 30 s,
under 500 MB, zero capture errors.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from _server import Server  # noqa: E402
from imports import generate  # noqa: E402

GOAL_SECONDS = 30
GOAL_RSS_MB = 500
DEFAULT_FORMATS = ("hypothesis", "readwise-csv", "kindle")
# Captures on the idle server, to compare with those during the import.
IDLE_CAPTURES = 200


def capture_body(rng: random.Random) -> dict:
    """A capture like the extension's, without the page's HTML (extraction
    is measured elsewhere; this measures the write path and the lock)."""
    words = "tide harbour lantern meadow ember quarry violet summit".split()
    text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))).capitalize() + "."
    start = rng.randint(0, 5000)
    return {"id": str(uuid.uuid4()), "url": f"https://capture.example/{rng.randint(0, 99)}",
            "title": "A page", "text": text, "prefix": "", "suffix": "", "start": start,
            "end": start + len(text)}


class Captures:
    """One client posting a capture every `pace` seconds until stopped."""

    def __init__(self, server: Server, pace: float, seed: int):
        self.server, self.pace, self.rng = server, pace, random.Random(seed)
        self.latencies: list[float] = []
        self.errors = 0
        self._stop = threading.Event()
        self._session = requests.Session()
        self._session.headers.update(server.headers)

    def one(self) -> None:
        started = time.perf_counter()
        try:
            response = self._session.post(self.server.url + "/api/captures",
                                          json=capture_body(self.rng), timeout=30)
            ok = response.status_code == 201
        except requests.RequestException:
            ok = False
        self.latencies.append(time.perf_counter() - started)
        self.errors += not ok
        time.sleep(max(0.0, self.pace - (time.perf_counter() - started)))

    def run(self, count: int) -> None:
        for _ in range(count):
            self.one()

    def run_until_stopped(self) -> threading.Thread:
        def loop() -> None:
            while not self._stop.is_set():
                self.one()

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def summary(self) -> str:
        values = sorted(self.latencies)
        p99 = values[max(0, int(len(values) * 0.99) - 1)]
        return (f"{len(values)} captures, p50 {statistics.median(values) * 1000:.1f} ms, "
                f"p99 {p99 * 1000:.1f} ms, {self.errors} errors")


def import_file(path: Path, data_dir: Path) -> dict:
    """Run `hatchery import` as its own process; wall time, peak RSS, output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "hatchery.cli", "import", str(path), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": time.perf_counter() - started, "rss_mb": usage.ru_maxrss / 1024,
            "cpu": usage.ru_utime + usage.ru_stime, "status": process.returncode,
            "summary": out.strip()}


def measure(fmt: str, n: int, pace: float) -> dict:
    work = Path(tempfile.mkdtemp(prefix="hatchery-import-scale-"))
    source = work / f"big.{'csv' if fmt.endswith('csv') else 'txt' if fmt == 'kindle' else 'json'}"
    source.write_bytes(generate(fmt, n))
    load_before = os.getloadavg()[0]
    with Server(work / "data") as server:
        idle = Captures(server, pace, seed=1)
        idle.run(IDLE_CAPTURES)
        busy = Captures(server, pace, seed=1)
        thread = busy.run_until_stopped()
        result = import_file(source, server.data_dir)
        busy.stop()
        thread.join()
        stored = requests.get(server.url + "/api/pages", headers=server.headers,
                              params={"limit": 1}, timeout=30)
    return {"format": fmt, "mb": source.stat().st_size / 1e6, **result,
            "idle": idle.summary(), "busy": busy.summary(), "busy_errors": busy.errors,
            "pages_status": stored.status_code, "load": (load_before, os.getloadavg()[0])}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--highlights", type=int, default=100_000)
    options.add_argument("--formats", default=",".join(DEFAULT_FORMATS))
    options.add_argument("--pace-ms", type=float, default=50,
                         help="time between one client's captures")
    args = options.parse_args()
    print(f"| format ({args.highlights:,} highlights) | file MB | import wall s | import CPU s "
          f"| peak RSS MB | captures idle | captures during the import | goals met |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for fmt in args.formats.split(","):
        r = measure(fmt, args.highlights, args.pace_ms / 1000)
        met = (r["status"] == 0 and r["wall"] < GOAL_SECONDS and r["rss_mb"] < GOAL_RSS_MB
               and r["busy_errors"] == 0)
        print(f"| {fmt} | {r['mb']:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['rss_mb']:.0f} "
              f"| {r['idle']} | {r['busy']} | {'yes' if met else 'NO'} |")
        print(f"|  | {r['summary']} (machine load average {r['load'][0]:.1f} before, "
              f"{r['load'][1]:.1f} after, {os.cpu_count()} cores) |", flush=True)


if __name__ == "__main__":
    main()
