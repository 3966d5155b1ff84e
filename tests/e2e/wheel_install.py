"""Hatchery as a person installs it: the wheel built from this checkout,
installed into a fresh virtual environment, its `hatchery serve` started.

Robust on a fresh CI machine and offline: the wheel is built without build
isolation (setuptools comes with the test extra), the new environment has
no pip of its own (this environment's pip installs into it with
`--python`, `--no-deps --no-index`), and the dependencies are this
environment's, reached through a .pth file, after the new environment's
own site-packages, so `hatchery` itself can only come from the wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("server", "extension", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def build_wheel(work: Path) -> Path:
    """Build the wheel from a clean copy of the sources (no stale build/)."""
    source = work / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "-w", str(work / "wheels"),
                    str(source)], check=True, timeout=300)
    (wheel,) = (work / "wheels").glob("hatchery-*.whl")
    return wheel


def make_venv(work: Path, wheel: Path) -> Path:
    """A fresh environment with only the wheel installed; returns its python."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "zz_hatchery_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    return python


@dataclass
class InstalledServer:
    """`hatchery serve` of an installed wheel, with what it printed."""

    python: Path
    data_dir: Path
    env: dict
    lines: list[str] = field(default_factory=list)
    url: str = ""
    code: str = ""
    extension: str = ""

    def start(self) -> "InstalledServer":
        hatchery = self.python.parent / ("hatchery.exe" if os.name == "nt" else "hatchery")
        self.process = subprocess.Popen(
            [str(hatchery), "serve", "--port", "0", "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            if match := re.search(r"listening on (http://\S+)", line):
                self.url = match.group(1)
            if match := re.match(r"Extension folder \(.*\): (.+)$", line):
                self.extension = match.group(1).strip()
            if match := re.match(r"Pairing code: (\S+)", line):
                self.code = match.group(1)
            if line.startswith("Open your library"):
                self._drainer = threading.Thread(
                    target=lambda: self.lines.extend(self.process.stdout), daemon=True)
                self._drainer.start()
                return self
        self.stop()
        raise RuntimeError("the installed server did not start:\n" + "".join(self.lines))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if getattr(self, "_drainer", None):
            self._drainer.join(timeout=5)
        self.process.stdout.close()


def clean_env(state_dir: Path) -> dict:
    """The environment a person's shell would give: no PYTHONPATH into this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HATCHERY_DATA_DIR")}
    env.update(HATCHERY_STATE_DIR=str(state_dir), PYTHONUNBUFFERED="1")
    return env
