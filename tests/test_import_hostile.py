"""Hostile files finish: each runs in its own process with a generous
limit on CPU seconds (not wall time, which other work on the machine
stretches), so a quadratic regex or loop fails the test instead of
hanging it."""

from __future__ import annotations

import subprocess
import textwrap

from cpu_limited import run_cpu_limited

# Generous: today's code takes about 5 CPU seconds for the largest; the
# quadratic code took 12-46 s.
CPU_SECONDS = 20

CASES = {
    "240 KB of spaces in a Kindle title line": """
        raw = ("Title" + " " * 240_000 + "(x\\n- Your Highlight on Location 1-2\\n\\ntext\\n"
               "==========\\n").encode()
    """,
    "40,000 Kindle clippings of one book": """
        raw = "".join(f"Book (A)\\n- Your Highlight on Location {i}-{i + 1} | Added on "
                      f"Monday, March 4, 2019 8:00:00 AM\\n\\nText {i}\\n==========\\n"
                      for i in range(40_000)).encode()
    """,
    "120 KB of spaces after a Kindle location word": """
        raw = ("Book (A)\\n- Your Note on Location" + " " * 120_000 + "x\\n\\nnote\\n"
               "==========\\n").encode()
    """,
    "a Markdown note of 200,000 '=' marks and spaces": """
        raw = ("# T\\n\\n" + "== " * 100_000 + "\\n> " + " " * 100_000 + "x\\n").encode()
    """,
}


def run(setup: str) -> subprocess.CompletedProcess:
    program = textwrap.dedent(setup) + textwrap.dedent("""
        from hatchery.importers import parse
        parsed = parse(raw)
        print(parsed.highlights, len(parsed.skipped))
    """)
    return run_cpu_limited(program, CPU_SECONDS)


def test_a_title_line_of_spaces_finishes_and_imports_its_clipping():
    result = run(CASES["240 KB of spaces in a Kindle title line"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "0"]


def test_forty_thousand_clippings_finish_and_all_arrive():
    result = run(CASES["40,000 Kindle clippings of one book"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["40000", "0"]


def test_a_location_followed_by_spaces_finishes():
    result = run(CASES["120 KB of spaces after a Kindle location word"])
    assert result.returncode == 0, result.stderr


def test_a_markdown_note_of_marks_and_spaces_finishes():
    result = run(CASES["a Markdown note of 200,000 '=' marks and spaces"])
    assert result.returncode == 0, result.stderr
