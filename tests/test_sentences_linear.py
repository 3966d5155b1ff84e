"""Sentence splitting stays linear on hostile text: long runs of stops, and
paragraphs of a hundred thousand short sentences."""

from __future__ import annotations

from cpu_limited import run_cpu_limited

from hatchery import sentences


def test_a_long_run_of_stops_is_split_in_one_pass():
    # Quadratic, this took over a minute of CPU (a run of 40,000 dots);
    # linear, a few milliseconds.
    done = run_cpu_limited("""
        from hatchery.sentences import split_sentences
        for stop in '.!?':
            assert split_sentences('Calm. ' + stop * 40000 + ' Then') != []
    """, cpu_seconds=20)
    assert done.returncode == 0, done.stderr


def test_each_stop_reads_only_the_text_next_to_it(monkeypatch):
    """The false-stop check sees a few characters either side of each stop,
    not the rest of the paragraph (which made splitting quadratic)."""
    seen = []
    real = sentences._is_false_stop

    def measuring(before, stop, after):
        seen.append(len(before) + len(after))
        return real(before, stop, after)

    monkeypatch.setattr(sentences, "_is_false_stop", measuring)
    text = "Word. " * 20000 + "a. " * 20000
    assert len(sentences.split_sentences(text)) == 20000
    assert len(seen) >= 39999  # every stop but the last is a candidate
    assert sum(seen) < 100 * len(seen)


def test_splitting_still_keeps_abbreviations_and_initials():
    assert sentences.split_sentences("Dr. Smith met J. K. Rowling in the U.S. Then they "
                                     "left... Wait! Really?! Yes.") == [
        "Dr. Smith met J. K. Rowling in the U.S. Then they left...", "Wait!", "Really?!", "Yes."]
