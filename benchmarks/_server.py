"""Start the real `hatchery serve` on a free port for a benchmark."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


class Server:
    def __init__(self, data_dir: Path | None = None, threads: int = 8):
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="hatchery-bench-"))
        self.threads = threads
        self.url = ""
        self.token = ""

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hatchery.cli", "serve", "--port", "0",
             "--threads", str(self.threads), "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (self.url and self.token):
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("server exited before it listened")
            if m := re.search(r"listening on (http://\S+)", line):
                self.url = m.group(1)
            if self.url:  # the server never prints its token; it is in the data folder
                self.token = (self.data_dir / "token").read_text(encoding="utf-8").strip()
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        return self

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def pid(self) -> int:
        return self.process.pid

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
