"""Run a program in a fresh interpreter with a limit on the CPU seconds it
may use, not on wall time: other work on a shared machine stretches wall
time, never the CPU a process itself uses, so a quadratic loop fails the
test and a busy machine does not."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

SERVER_DIR = str(Path(__file__).resolve().parents[1] / "server")
# Only ends a test that hangs without using CPU; never what a test checks.
HANG_STOP_SECONDS = 600


def run_cpu_limited(program: str, cpu_seconds: int) -> subprocess.CompletedProcess:
    """Run `program` (dedented) with `python -c`; the kernel kills it once
    it has used `cpu_seconds` of CPU, and the result says so (returncode
    not 0).

    :param program: Python source; `hatchery` is importable
    :param cpu_seconds: far above what linear code needs
    """
    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    env = {**os.environ, "PYTHONPATH": SERVER_DIR}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(program)],
                          capture_output=True, text=True, timeout=HANG_STOP_SECONDS,
                          preexec_fn=limit_cpu, env=env)
