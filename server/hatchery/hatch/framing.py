"""The frame around the sources' own sentences: the title, the introduction
and the conclusion. Framing sentences only name sources and threads, and
cite the pages they name; the conclusion closes on a source's own sentence.
"""

from __future__ import annotations

from .drafts import CONTEXT_REDUNDANCY, Draft, Key, Ledger, ThreadDraft
from .models import Source
from .reading import Reading

# How many source titles a framing sentence names before "and N more".
NAMED_SOURCES = 4


def names(sources: list[Source], indices: list[int]) -> tuple[str, list[Key]]:
    """“Title A”, “Title B” and 2 more: the sources at `indices`, and the
    keys citing the ones named."""
    named = indices[:NAMED_SOURCES]
    titles = [f"“{sources[i].title or sources[i].url}”" for i in named]
    rest = len(indices) - len(named)
    if rest:
        titles.append(f"{rest} more")
    return and_list(titles), [(i, None) for i in named]


def and_list(items: list[str]) -> str:
    """"a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def shared_by_all(thread: ThreadDraft, sources: list[Source]) -> bool:
    """True when `thread` runs through every source."""
    return len(set(thread.sources)) >= len(sources)


def title(sources: list[Source], threads: list[ThreadDraft]) -> str:
    """The hatch's title: its top threads and how many sources share them."""
    # The top thread names the hatch; a second joins it when it is a phrase
    # (a lone second word, "hours", reads as noise in a title) and when there
    # are several sources to share it.
    phrases = [t.phrase for t in threads[:1]]
    if len(threads) > 1 and len(sources) > 1 and " " in threads[1].phrase:
        phrases.append(threads[1].phrase)
    if phrases:
        topic = and_list(phrases)
        topic = topic[:1].upper() + topic[1:]
        if len(sources) == 1:
            return f"{topic}: notes on {sources[0].title or sources[0].url}"
        if shared_by_all(threads[0], sources):
            return f"{topic}: what {len(sources)} sources share"
        # Claim only what is true: the top thread runs through some sources.
        return f"{topic}: threads across {len(sources)} sources"
    if len(sources) == 1:
        return f"Notes on {sources[0].title or sources[0].url}"
    return f"Notes from {len(sources)} sources"


def introduction(sources: list[Source], reading: Reading, threads: list[ThreadDraft]) -> list[Draft]:
    """What the hatch is drawn from, and its strongest thread."""
    used, n_highlights = reading.used, reading.highlight_count
    named, keys = names(sources, used)
    if len(used) == 1:
        what = f"the {n_highlights} passages highlighted in it" if n_highlights > 1 else (
            "the passage highlighted in it" if n_highlights == 1 else "its article text")
        out = [Draft(f"This hatch is drawn from {named} and {what}.", keys)]
    else:
        out = [Draft(f"This hatch draws together {len(used)} sources: {named}.", keys)]
    if threads:
        phrase, indices, tkeys = threads[0]
        if len(indices) > 1:
            out.append(Draft(
                f"The strongest thread is “{phrase}”, found in "
                + (
                    ("both." if len(used) == 2 else f"all {len(used)}.")
                    if len(indices) == len(used)
                    else f"{len(indices)} of the {len(used)}."
                ),
                [(i, None) for i in indices[:NAMED_SOURCES]],
            ))
        else:
            out.append(Draft(f"Its recurring theme is “{phrase}”.", list(tkeys)))
    return out


def conclusion(sources: list[Source], reading: Reading, threads: list[ThreadDraft], ledger: Ledger) -> list[Draft]:
    """Where the threads meet, then the most central sentence not yet used."""
    used, score = reading.used, reading.score
    out: list[Draft] = []
    if threads:
        phrases = and_list([f"“{t.phrase}”" for t in threads[:3]])
        indices = sorted({i for t in threads[:3] for i in t.sources})
        if len(used) > 1:
            named, keys = names(sources, indices)
            text = f"Taken together, {named} meet on {phrases}."
        else:
            keys = [(indices[0], None)] if indices else [(used[0], None)]
            text = f"Taken together, these passages keep returning to {phrases}."
        out.append(Draft(text, keys))
    # The most central sentence not yet used, from the highlights' paragraphs
    # or the article: the closing quotation.
    pool: list[tuple[float, int, str, int]] = []
    for index in used:
        for s in score.clean(reading.focus[index]):
            pool.append((-score(s), len(pool), s, index))
    pool.sort()
    for _, _, s, index in pool:
        if ledger.find(s):
            continue
        d = Draft(s, [(index, None)])
        if ledger.redundant(d, CONTEXT_REDUNDANCY):
            continue
        ledger.add(d)
        out.append(d)
        break
    if not out:
        named, keys = names(sources, used)
        out.append(Draft(f"These are the passages that mattered in {named}.", keys))
    return out
