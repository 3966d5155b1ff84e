"""How honest the LLM engine's hatches are through a given model endpoint.

    python benchmarks/hatch_llm.py --url http://127.0.0.1:8080/v1 --model NAME
        [--paths schema,markdown] [--sets tests/resources/hatch/focus.json]
        [--length short] [--max-tokens N] [--limit N] [--temperature 0]

The hatch sets are the offline engine's test pages (tests/resources/hatch,
three pages on focus at work with a person's highlights and notes): each
page alone, then all of them together. Each set is hatched once per path:
"schema" (the JSON schema, as the engine asks by default) and "markdown"
(llm_structured = "off"). For each path it reports the share of hatches
kept as the model's, fallen back to the offline engine because the answer
did not pass the checks, and dropped because the model failed (timeout,
empty answer, error); the share of the model's sentences the verifier kept
in the hatches it kept; quotations marked as not found; seconds per hatch.

Nothing is written anywhere; the endpoint is the only thing contacted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))

sys.path.insert(0, str(ROOT / "benchmarks"))

from _pages import load_pages  # noqa: E402
from hatchery.hatch import Source  # noqa: E402
from hatchery.hatch.llm import LLMError, LLMOptions  # noqa: E402
from hatchery.hatch.llm.engine import BadFormat, hatch_with_model  # noqa: E402
from hatchery.hatch.llm.verify import UNFOUND_MARK  # noqa: E402
from hatchery.hatch.plan import plan_for  # noqa: E402

DEFAULT_SETS = ROOT / "tests" / "resources" / "hatch" / "focus.json"


def hatch_sets(pages: list[Source]) -> list[list[Source]]:
    """Each page alone, then all together."""
    return [[page] for page in pages] + ([pages] if len(pages) > 1 else [])


def run_path(sets: list[list[Source]], options: LLMOptions, length: str) -> dict:
    """Hatch every set through one path; the counts and times."""
    counts = {"kept": 0, "fallen_back": 0, "dropped": 0}
    seen = kept = sentences = unfound = 0
    seconds = []
    reasons: list[str] = []
    for pages in sets:
        stats: dict = {}
        start = time.perf_counter()
        try:
            result = hatch_with_model(pages, plan_for(length), options, stats)
        except BadFormat as error:
            counts["fallen_back"] += 1
            reasons.append(error.message[:160])
        except LLMError as error:
            counts["dropped"] += 1
            reasons.append(error.message[:160])
        else:
            counts["kept"] += 1
            seen, kept = seen + stats["seen"], kept + stats["kept"]
            said = result.sentences()
            sentences += len(said)
            unfound += sum(s.text.endswith(UNFOUND_MARK) for s in said)
        seconds.append(time.perf_counter() - start)
    total = len(sets)
    return {
        "hatches": total,
        **{k: round(v / total, 2) for k, v in counts.items()},
        "sentences_kept_share": round(kept / seen, 2) if seen else None,
        "sentences_per_kept_hatch": round(sentences / counts["kept"], 1) if counts["kept"] else None,
        "quotes_unfound": unfound,
        "seconds_per_hatch": round(statistics.mean(seconds), 1),
        "reasons": reasons,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the endpoint's base URL (…/v1, or Ollama's …/api)")
    parser.add_argument("--model", required=True)
    parser.add_argument("--paths", default="schema,markdown")
    parser.add_argument("--sets", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--length", default="short")
    parser.add_argument("--max-tokens", type=int, default=None)
    parser.add_argument("--context-tokens", type=int, default=None)
    parser.add_argument("--temperature", type=float, default=0.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--limit", type=int, default=None, help="hatch only the first N sets")
    args = parser.parse_args(argv)

    sets = hatch_sets(load_pages(args.sets))[: args.limit]
    report = {"url": args.url, "model": args.model, "sets": len(sets), "paths": {}}
    for path in args.paths.split(","):
        options = LLMOptions(url=args.url, model=args.model, max_tokens=args.max_tokens,
                             context_tokens=args.context_tokens, temperature=args.temperature,
                             timeout=args.timeout, retries=0, fallback=False,
                             structured="auto" if path == "schema" else "off")
        report["paths"][path] = run_path(sets, options, args.length)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
