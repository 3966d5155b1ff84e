"""Multi-document summary benchmark for `hatchery.hatch.summarize_documents`.

    python benchmarks/summaries.py DATA.jsonl [--half report|tune|all]
        [--systems hatch,lead,lexrank,mmr] [--limit N] [--hatch-timing]

DATA.jsonl has one cluster a line: {"id", "documents": [str, ...], "summary"}.
Every system gets a word budget equal to the reference's length and its
output is cut to that budget; scores are ROUGE-1/2/L F1 from Google's
rouge-score with stemming, averaged over clusters (x100). All systems run in
the same process, so their numbers and times compare. Every system gets
the same cleaned text: each document with its web debris cut
(`hatchery.hatch.debris.clean_text`: share prompts, captions, crawl notes),
split by hatch's splitter (sumy's own needs nltk's punkt data). The
clusters are split by id into a tune and a report half
(`benchmarks/_halves.py`); quote the report half.
LexRank is sumy's implementation; its scores rank every sentence so that,
like the others, it fills the budget. `--hatch-timing` also times `hatch()`
on 200 synthetic highlights over 20 synthetic pages, beside a baseline in
the same run (splitting and cleaning those pages' text, which any engine
must do, its memo emptied each time), so a loaded machine shows in both;
once more with every per-text memo emptied, as for pages never seen; and
with the memos emptied and each page then read ahead on its own (untimed),
as the server reads a page once it is extracted and the latest pages when
it starts.

Measure only: no text of the data is written anywhere.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _halves import HALVES, read_clusters  # noqa: E402
from hatchery.hatch.debris import clean_text  # noqa: E402
from hatchery.hatch.warm import warm_up  # noqa: E402

from hatchery.hatch import Source, SourceHighlight, hatch, read_ahead, summarize_documents  # noqa: E402
from hatchery.sentences import split_sentences  # noqa: E402

_WORD = re.compile(r"\w+", re.UNICODE)


def cut(text: str, budget: int) -> str:
    """The first `budget` words of `text`."""
    return " ".join(text.split()[:budget])


def sentences_of(documents: list[str]) -> list[list[str]]:
    """Each document's sentences (the same splitter for every system)."""
    return [split_sentences(d) for d in documents]


def fill(ranked: list[tuple[int, int, str]], budget: int) -> str:
    """Take (doc, pos, sentence) in rank order until the budget is full;
    output in document order."""
    picked, used = [], 0
    for item in ranked:
        if used >= budget:
            break
        picked.append(item)
        used += len(item[2].split())
    picked.sort()
    return " ".join(s for _, _, s in picked)


def lead(documents: list[str], budget: int) -> str:
    """Lead baseline: the first sentence of each document, then the second of
    each, and so on (round robin), until the budget is full."""
    docs = sentences_of(documents)
    ranked = []
    for pos in range(max((len(d) for d in docs), default=0)):
        for d, sents in enumerate(docs):
            if pos < len(sents):
                ranked.append((d, pos, sents[pos]))
    return fill(ranked, budget)


class _WordTokenizer:
    """Sumy tokenizer without nltk data: our sentences, regex words."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def lexrank(documents: list[str], budget: int) -> str:
    """LexRank with sumy's own implementation (scores from its power
    method), sentences taken in rank order until the budget is full."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _WordTokenizer()
    docs = sentences_of(documents)
    flat = [(d, p, s) for d, sents in enumerate(docs) for p, s in enumerate(sents)]
    if not flat:
        return ""
    model = ObjectDocumentModel(
        [Paragraph([Sentence(s, tokenizer) for _, _, s in flat])]
    )
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    words = [summarizer._to_words_set(s) for s in model.sentences]
    matrix = summarizer._create_matrix(
        words, summarizer.threshold, summarizer._compute_tf(words), summarizer._compute_idf(words)
    )
    scores = summarizer.power_method(matrix, summarizer.epsilon)
    order = sorted(range(len(flat)), key=lambda i: (-scores[i], i))
    return fill([flat[i] for i in order], budget)


def mmr(documents: list[str], budget: int, lam: float = 0.7) -> str:
    """TF-IDF MMR: relevance to the cluster centroid minus similarity to
    what is already picked (Carbonell and Goldstein 1998)."""
    docs = sentences_of(documents)
    flat = [(d, p, s) for d, sents in enumerate(docs) for p, s in enumerate(sents)]
    if not flat:
        return ""
    bags = [Counter(w.lower() for w in _WORD.findall(s)) for _, _, s in flat]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    vecs = []
    for bag in bags:
        v = {w: c * math.log((n + 1) / df[w]) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    centroid: Counter[str] = Counter()
    for v in vecs:
        centroid.update(v)
    cnorm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0

    def cos(a: dict, b: dict) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())

    relevance = [cos(v, centroid) / cnorm for v in vecs]
    picked: list[int] = []
    used = 0
    left = set(range(n))
    while left and used < budget:
        best = max(
            left,
            key=lambda i: (
                lam * relevance[i] - (1 - lam) * max((cos(vecs[i], vecs[j]) for j in picked), default=0.0),
                -i,
            ),
        )
        left.discard(best)
        picked.append(best)
        used += len(flat[best][2].split())
    return " ".join(flat[i][2] for i in sorted(picked))


SYSTEMS = {
    "hatch": summarize_documents,
    "lead": lead,
    "lexrank": lexrank,
    "mmr": mmr,
}


def run(rows: list[dict], systems: list[str]) -> dict[str, dict[str, float]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    table = {}
    for name in systems:
        system = SYSTEMS[name]
        totals: Counter[str] = Counter()
        times = []
        for row in rows:
            budget = len(row["summary"].split())
            documents = [clean_text(d) for d in row["documents"]]
            t0 = time.perf_counter()
            output = system(documents, budget)
            times.append((time.perf_counter() - t0) * 1000)
            scores = scorer.score(row["summary"], cut(output, budget))
            for key, score in scores.items():
                totals[key] += score.fmeasure
        table[name] = {
            "R-1": 100 * totals["rouge1"] / len(rows),
            "R-2": 100 * totals["rouge2"] / len(rows),
            "R-L": 100 * totals["rougeL"] / len(rows),
            "ms": statistics.median(times),
        }
    return table


def synthetic_sources(pages: int = 20, per_page: int = 10, seed: int = 7) -> list[Source]:
    """`pages` made-up pages of 100 sentences (~1,000 words, 25 paragraphs,
    the length of a long news article), `per_page` highlights each, every
    fourth with a note."""
    rng = random.Random(seed)
    vocab = [f"{a}{b}" for a in ("data", "team", "focus", "city", "river", "model", "code", "plan",
                                 "price", "school", "energy", "garden", "market", "health")
             for b in ("", "s", "work", "ing", "er", "base", "line", "flow")]
    verbs = ["helps", "needs", "changes", "improves", "limits", "shapes", "slows", "drives"]
    sources = []
    for p in range(pages):
        sentences = []
        for _ in range(100):
            words = rng.sample(vocab, 6)
            lead = "You should" if rng.random() < 0.1 else words[0].capitalize()
            sentences.append(f"{lead} {words[1]} {rng.choice(verbs)} the {words[2]} of {words[3]} and {words[4]} {words[5]}.")
        text = "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, 100, 4))
        highlights = []
        for h, i in enumerate(sorted(rng.sample(range(100), per_page))):
            s = sentences[i]
            highlights.append(SourceHighlight(
                id=f"p{p}-h{h}", text=s[: len(s) // 2 + 5], start=text.find(s),
                note="worth a second look" if h % 4 == 0 else None,
            ))
        sources.append(Source(id=p + 1, url=f"https://site{p}.example/a", title=f"Page {p}", text=text, highlights=highlights))
    return sources


def _timed(work, repeats: int, before=None) -> tuple[float, float, float]:
    """Median wall and CPU ms of `work()`, and its slowest CPU ms (the
    person waits for that one too); `before()` runs untimed first."""
    wall, cpu = [], []
    for _ in range(repeats):
        if before is not None:
            before()
        t0, c0 = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), max(cpu)


def time_hatch(repeats: int = 7) -> dict[str, tuple[float, float, float]]:
    """Median wall and CPU milliseconds of `hatch` per length, and of the
    baseline (cleaning and splitting the same pages). CPU time is the
    steadier figure on a machine shared with other work."""
    sources = synthetic_sources()
    warm_up()  # what `hatchery serve` does once it listens (see `hatch.warm`)
    hatch(sources)  # the rest loads once per process, not per hatch

    def baseline() -> None:
        forget_texts()  # the real splitting, not the memo of it
        for s in sources:
            split_sentences(clean_text(s.text))

    def cold() -> None:
        forget_texts()
        hatch(sources, length="medium")

    out = {"baseline: clean and split": _timed(baseline, repeats)}
    for length in ("short", "medium", "long"):
        out[length] = _timed(lambda: hatch(sources, length=length), repeats)
    out["medium, pages never seen (memos emptied)"] = _timed(cold, repeats)
    out["medium, pages read ahead (as the server does once it extracts them)"] = _timed(
        lambda: hatch(sources, length="medium"), repeats, before=lambda: (forget_texts(),
                                                                           read_ahead(sources)))
    return out


def forget_texts() -> None:
    """Empty the memos hatching keeps per text (paragraph splits, ideas,
    stem sets, page vectors, language guesses, which sentences are debris
    or advice), as for pages never seen;
    the per-word tables (stems, frequencies) stay, like a loaded dictionary,
    except the words ideas are read from (`ideas._word`), the clauses
    (`ideas._uses`) and the words' tags (`speech`): this benchmark's pages share a vocabulary of 120 words, and
    keeping them would flatter."""
    from hatchery import sentences
    from hatchery.hatch import advice, debris, drafts, ideas, language, relatedness, speech
    for memo in (sentences._block_sentences, sentences.stem_set, ideas.ideas_in,
                 ideas._word, ideas._uses, speech._tag, speech._first_tag, relatedness._vector,
                 language.detect, debris.is_debris, advice.is_advice,
                 drafts.sentence_key):
        memo.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--half", choices=HALVES, default="report")
    parser.add_argument("--systems", default="hatch,lead,lexrank,mmr")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--hatch-timing", action="store_true")
    args = parser.parse_args(argv)
    rows = list(read_clusters(args.data, args.half))
    if args.limit:
        rows = rows[: args.limit]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    table = run(rows, systems)
    print(f"{len(rows)} clusters ({args.half} half), budget = reference length, "
          "rouge-score F1 x100, stemming on, debris cut for every system\n")
    print("| system | R-1 | R-2 | R-L | median ms/cluster |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, row in table.items():
        print(f"| {name} | {row['R-1']:.2f} | {row['R-2']:.2f} | {row['R-L']:.2f} | {row['ms']:.1f} |")
    if args.hatch_timing:
        timing = time_hatch()
        print("\nhatch() on 200 highlights over 20 pages of ~1,000 words, median of 7 runs"
              " (the same pages again, as when a person switches length, unless said):")
        for length, (wall, cpu, slowest) in timing.items():
            print(f"- {length}: {wall:.0f} ms wall, {cpu:.0f} ms CPU (slowest {slowest:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
