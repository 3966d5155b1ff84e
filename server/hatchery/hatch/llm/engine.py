"""The "llm" engine: pack, prompt, call, parse, verify, assemble; and the
fallback to the local engine when the model fails."""

from __future__ import annotations

import logging

from ..local import hatch_local
from ..models import Hatch, Source
from ..parts import Section, Sentence, Thread
from ..plan import Plan
from . import prompt
from .client import Cancelled, ChatClient, LLMError
from .items import Packed
from .options import LLMOptions
from .pack import pack
from .parse import Answer, Said, parse_answer
from .verify import Verifier

LOGGER = logging.getLogger(__name__)


class BadFormat(LLMError):
    """The answer has no sentence we can keep."""


def hatch_llm(sources: list[Source], plan: Plan, options: LLMOptions | None = None) -> Hatch:
    """A hatch written by the configured model, every sentence checked.

    :raises ValueError: no model is configured.
    :raises NothingToHatch: the sources have no text.
    :raises LLMError: the model failed and `options.fallback` is off.
    :raises Cancelled: `options.cancel` was set.
    """
    if options is None:
        raise ValueError("the llm engine is not configured: start the server with "
                         "--llm-url and --llm-model (or set llm_url and llm_model in config.toml)")
    try:
        return hatch_with_model(sources, plan, options)
    except Cancelled:
        raise
    except LLMError as error:
        message = options.redact(error.message)
        if not options.fallback:
            raise
        LOGGER.warning("the language model failed; hatching with the local engine: %s", message)
        if options.on_notice:
            options.on_notice(f"{message} Hatching with the offline engine instead.")
        result = hatch_local(sources, plan)
        result.notes.insert(0, f"Written by the offline engine because the language model "
                               f"({options.model}) failed: {message}")
        return result


def hatch_with_model(sources: list[Source], plan: Plan, options: LLMOptions) -> Hatch:
    """The model's hatch, with no fallback."""
    answer_tokens = options.max_tokens or prompt.ANSWER_TOKENS.get(plan.length, 1000)
    packed = pack(sources, context_tokens=options.context_tokens, answer_tokens=answer_tokens,
                  length=plan.length, threads=plan.threads, advice=plan.advice)
    messages = prompt.messages(packed, plan.length, plan.threads, plan.advice)
    LOGGER.info("hatching %d sources (%d items) with %s at %s", len(packed.blocks),
                len(packed.numbers), options.model, options.display_url)
    reply = ChatClient(options).chat(messages, max_tokens=answer_tokens)
    answer = parse_answer(reply.text, [b.source.title for b in packed.blocks])
    result = assemble(answer, packed, sources, plan)
    if reply.truncated:
        why = ("it reached its length limit" if reply.finish_reason == "length"
               else "the stream ended early")
        result.notes.append(f"The model's answer was cut off ({why}); the hatch may stop short. "
                            "A shorter length or a larger llm_max_tokens helps.")
    result.model = options.model
    return result


def assemble(answer: Answer, packed: Packed, sources: list[Source], plan: Plan) -> Hatch:
    """The verified answer as a `Hatch`, citations renumbered in reading order.

    :raises BadFormat: no sentence of the answer survives the checks.
    """
    verifier = Verifier(packed.numbers, sources)
    final: dict[int, int] = {}  # the model's number -> the hatch's number

    def sentences(said: list[Said]) -> list[Sentence]:
        out = []
        for s in said:
            kept = verifier.check(s)
            if kept is not None:
                out.append(Sentence(kept.text, [final.setdefault(n, len(final) + 1)
                                                for n in kept.cites]))
        return out

    def flat(paragraphs: list[list[Said]]) -> list[Said]:
        return [s for p in paragraphs for s in p]

    introduction = sentences(flat(answer.introduction))
    out_sections = []
    unwritten = []
    for number, block in enumerate(packed.blocks, 1):
        paragraphs = [p for p in (sentences(p) for p in answer.sections.get(number, [])) if p]
        source = block.source
        if paragraphs:
            out_sections.append(Section(source.id, source.title or source.url, source.site_name,
                                        source.url, paragraphs))
        else:
            unwritten.append(source.title or source.url)
    strays = sorted(n for n in answer.sections if not 1 <= n <= len(packed.blocks))
    threads = []
    for said in verifier_threads(answer.threads[: plan.threads], verifier):
        cites = [final.setdefault(n, len(final) + 1) for n in said.cites]
        ids = list(dict.fromkeys(sources[packed.numbers[n][0]].id for n in said.cites))
        threads.append(Thread(said.text.rstrip(".").strip(), ids, cites))
    advice = sentences(answer.advice[: plan.advice])
    conclusion = sentences(flat(answer.conclusion))

    kept = len(introduction) + sum(len(p) for s in out_sections for p in s.paragraphs)
    kept += len(advice) + len(conclusion) + len(threads)
    if not kept:
        raise BadFormat("The language model's answer had no sentence citing the sources; "
                        "it may not follow the requested format.")

    notes = list(packed.notes) + verifier.notes()
    if unwritten:
        notes.append("The model wrote no cited section for " +
                     ", ".join(f"“{t}”" for t in unwritten) + ".")
    if strays:
        notes.append("Sections the model wrote for sources that do not exist "
                     f"(source {', '.join(map(str, strays))}) were left out.")
    citations = []
    for model_number, n in sorted(final.items(), key=lambda kv: kv[1]):
        index, highlight_id = packed.numbers[model_number]
        citations.append(sources[index].citation(n, highlight_id))
    title = answer.title or (f"Notes on {sources[0].title}" if len(packed.blocks) == 1
                             else f"Notes from {len(packed.blocks)} sources")
    return Hatch(title, introduction, out_sections, threads, advice, conclusion, citations,
                 engine="llm", length=plan.length, prompt_version=prompt.PROMPT_VERSION,
                 notes=notes)


def verifier_threads(threads: list[Said], verifier: Verifier) -> list[Said]:
    return [kept for said in threads if (kept := verifier.check(said)) is not None]
