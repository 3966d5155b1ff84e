"""Imports measured: for each fixture file, records in / imported /
skipped (with reasons); for a generated 100,000-highlight file of each big
format, parse time and the parsing process's peak RSS. The whole import,
through the real server and `hatchery import` while captures arrive, is
`benchmarks/import_scale.py`.

    .venv/bin/python benchmarks/imports.py [--highlights 100000]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from hatchery.importers import parse

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "resources" / "imports"


def zipped(folder: Path) -> bytes:
    """A fixture folder (`pocket-export/`) as the zip its tool mails."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def fixture_files() -> list[tuple[str, bytes]]:
    """Every fixture file, and each `*-export` folder as one zip."""
    exports = [p for p in FIXTURES.glob("*-export") if p.is_dir()]
    files = [(str(p.relative_to(FIXTURES)), p.read_bytes()) for p in FIXTURES.rglob("*")
             if p.is_file() and not any(e in p.parents for e in exports)]
    return sorted(files + [(f"{e.name}.zip", zipped(e)) for e in exports])


def fixture_table() -> None:
    print("| file | format | records in | highlights | pages | skipped (reasons) |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for name, raw in fixture_files():
        try:
            parsed = parse(raw)
        except Exception as error:  # noqa: BLE001 - a refused file is a row too
            print(f"| {name} | refused | | | | {error} |")
            continue
        reasons = "; ".join(f"{n}× {r}" for r, n in parsed.skip_counts().items())
        print(f"| {name} | {parsed.format} | {parsed.records_in} | "
              f"{parsed.highlights} | {len(parsed.pages)} | {len(parsed.skipped)} {reasons} |")


def generate(fmt: str, n: int) -> bytes:
    """A file of `n` highlights over n/20 pages in `fmt`."""
    url = "https://bench.example/{p}"
    if fmt == "kindle":
        return "".join(
            f"Book {i // 20} (Author)\n- Your Highlight on page 1 | Location {i}-{i + 1} | "
            f"Added on Monday, March 4, 2019 8:00:00 AM\n\nHighlight number {i} of the "
            f"benchmark.\n==========\n" for i in range(n)).encode()
    if fmt == "hypothesis":
        return json.dumps({"annotations": [
            {"id": f"id{i}", "uri": url.format(p=i // 20), "text": "note", "tags": ["t"],
             "created": "2024-01-01T00:00:00Z", "target": [{"source": url.format(p=i // 20),
             "selector": [{"type": "TextQuoteSelector", "exact": f"quote {i}"},
                          {"type": "TextPositionSelector", "start": i, "end": i + 9}]}]}
            for i in range(n)]}).encode()
    if fmt == "web-annotation":
        return json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld",
                           "type": "AnnotationPage", "items": [
            {"id": f"urn:x:{i}", "type": "Annotation", "bodyValue": "note",
             "target": {"source": url.format(p=i // 20),
                        "selector": {"type": "TextQuoteSelector", "exact": f"quote {i}"}}}
            for i in range(n)]}).encode()
    if fmt == "glasp":
        return json.dumps({"results": [
            {"url": url.format(p=p), "title": f"Page {p}", "highlights": [
                {"text": f"quote {p}-{j}", "created_at": "2024-01-01T00:00:00Z"}
                for j in range(20)]} for p in range(n // 20)]}).encode()
    if fmt == "readwise-csv":
        rows = ["Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,"
                "Location,Highlighted at,Document tags"]
        rows += [f"quote {i},Book {i // 20},Author,,note,yellow,t,location,{i},"
                 f"2024-01-01 00:00:00+00:00," for i in range(n)]
        return "\n".join(rows).encode()
    if fmt == "markdown":
        lines = ["---", "title: Big", "url: https://bench.example/big", "---", "", "# Big", ""]
        for i in range(n):
            lines += [f"> quote {i}", "", "color:: yellow", "", f"note {i}", ""]
        return "\n".join(lines).encode()
    raise ValueError(fmt)


BIG_FORMATS = ("kindle", "hypothesis", "web-annotation", "glasp", "readwise-csv", "markdown")


def measure(fmt: str, n: int) -> dict:
    """Generate and parse in a child process, so its peak RSS is its own."""
    program = (f"import json, resource, time, sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
               f"from imports import generate; from hatchery.importers import parse\n"
               f"raw = generate({fmt!r}, {n}); t = time.process_time(); w = time.perf_counter()\n"
               f"p = parse(raw)\n"
               f"print(json.dumps({{'cpu': time.process_time() - t, 'wall': time.perf_counter() - w,"
               f" 'highlights': p.highlights, 'skipped': len(p.skipped), 'mb': len(raw) / 1e6,"
               f" 'rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--highlights", type=int, default=100_000)
    args = options.parse_args()
    fixture_table()
    print()
    print(f"| format ({args.highlights:,} highlights) | file MB | parse CPU s | parse wall s | "
          "peak RSS MB | imported | skipped |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for fmt in BIG_FORMATS:
        r = measure(fmt, args.highlights)
        print(f"| {fmt} | {r['mb']:.1f} | {r['cpu']:.1f} | {r['wall']:.1f} | {r['rss']:.0f} | "
              f"{r['highlights']} | {r['skipped']} |")


if __name__ == "__main__":
    main()
