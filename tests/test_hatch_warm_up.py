"""Warming up before the first Hatch: the word tables are loaded, then set
aside from the garbage collector, so no later request pays for walking
them (see `hatchery.hatch.warm`)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import hatchery

# Run in a fresh process: freezing is for the whole process, and the test
# process has loaded the tables already.
SCRIPT = """
import gc
from hatchery.hatch import hatch, Source, SourceHighlight, speech
from hatchery.hatch.warm import warm_up

warm_up()
lexicon = speech._parser().lexicon
walked = gc.get_objects()  # every object a full collection walks
print(len(lexicon), any(o is lexicon for o in walked), len(walked))
page = Source(1, "https://harbour.example/walls", "Harbour walls",
              text="The Lake Verrin council voted to raise the harbour walls. Work starts in spring.",
              highlights=[SourceHighlight("h1", "The Lake Verrin council voted to raise the harbour walls.")])
print(hatch([page]).title)
"""


def test_warming_up_loads_the_word_tables_and_sets_them_aside_from_the_collector():
    # This checkout's code, whatever the environment has installed.
    env = {**os.environ, "PYTHONPATH": str(Path(hatchery.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    counts, title = done.stdout.splitlines()[:2]
    entries, lexicon_walked, walked = counts.split()
    assert int(entries) > 50_000  # the tagger's lexicon is loaded
    assert lexicon_walked == "False"  # and no collection walks it any more
    # Nor the rest loaded so far (about 48,000 objects): only what the
    # process made since.
    assert int(walked) < 2_000
    assert title  # hatching still works after the freeze


def test_the_server_warms_up_with_the_freeze(tmp_path, monkeypatch):
    # `hatchery serve` warms up in a background thread once it listens: it
    # must be this warm-up (tables and freeze), then read the latest pages.
    from hatchery.cli import serve
    from hatchery.hatch import warm
    from hatchery.services.hatches import read_ahead

    calls = []
    monkeypatch.setattr(warm, "warm_up", lambda: calls.append("warm up"))
    monkeypatch.setattr(read_ahead, "read_ahead_latest", lambda database: calls.append(database))
    serve._warm_up_in_background(str(tmp_path / "library.db"))
    for thread in threading.enumerate():
        if thread.name == "hatch-warm-up":
            thread.join(timeout=30)
    assert calls == ["warm up", str(tmp_path / "library.db")]
