"""The "llm" engine: fit, pack, prompt, call, parse, verify, assemble; and
the fallback to the local engine when the model fails or its answer does
not pass the checks."""

from __future__ import annotations

import dataclasses
import logging

from ..models import Hatch, Source
from ..plan import Plan
from . import prompt
from .assemble import assemble
from .client import Answer as Reply
from .client import ChatClient
from .context import OUR_SETTING, fit, server_context
from .discover import check_model
from .errors import BadFormat, Cancelled, LLMError, StatusError
from .items import Packed
from .options import LLMOptions
from .protocol import SCHEMA_STYLES
from .pack import chars_per_token, pack
from .parse import parse_answer
from .structured import DraftWriter, hatch_schema, looks_like_json, parse_json_answer

LOGGER = logging.getLogger(__name__)

# How servers refuse a request they cannot do (llama-cpp-python: 500), and
# the words in the refusal that say it is the schema.
REFUSAL_STATUSES = (400, 422, 500, 501)
SCHEMA_WORDS = ("response_format", "json_schema", "schema", "grammar", "format")

# The answer's share of the context at most, so a small context still
# leaves room for the sources (a 2048-token server can write a medium hatch).
MAX_ANSWER_SHARE = 0.5

__all__ = ["BadFormat", "hatch_llm", "hatch_with_model"]


def hatch_llm(sources: list[Source], plan: Plan, options: LLMOptions | None = None) -> Hatch:
    """A hatch written by the configured model, every sentence checked.

    :raises ValueError: no model is configured.
    :raises NothingToHatch: the sources have no text.
    :raises LLMError: the model failed and `options.fallback` is off.
    :raises Cancelled: `options.cancel` was set.
    """
    if options is None:
        raise ValueError("the llm engine is not configured: set llm_url and llm_model in "
                         "config.toml (or start the server with --llm-url and --llm-model)")
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
        from ..local import hatch_local

        result = hatch_local(sources, plan)
        why = ("'s answer did not pass the checks" if isinstance(error, BadFormat)
               else " failed")
        result.notes.insert(0, f"Written by the offline engine because the language model "
                               f"({options.model}){why}: {message}")
        return result


def answer_allowance(options: LLMOptions, plan: Plan, context_tokens: int) -> int:
    """The answer's token allowance: llm_max_tokens, or the length's own,
    at most MAX_ANSWER_SHARE of the context."""
    if options.max_tokens:
        return options.max_tokens
    wanted = prompt.ANSWER_TOKENS.get(plan.length, 1000)
    return min(wanted, int(context_tokens * MAX_ANSWER_SHARE))


def hatch_with_model(sources: list[Source], plan: Plan, options: LLMOptions,
                     stats: dict | None = None) -> Hatch:
    """The model's hatch, with no fallback.

    :param stats: filled with the answer's sentences ``seen`` and ``kept``
        by the verifier (for benchmarks/hatch_llm.py).
    """
    if options.check_model:
        check_model(options)
    context_tokens, setting = fit(options, server_context(options))
    answer_tokens = answer_allowance(options, plan, context_tokens)
    packed = pack(sources, context_tokens=context_tokens, answer_tokens=answer_tokens,
                  length=plan.length, threads=plan.threads, advice=plan.advice,
                  context_setting=setting)
    LOGGER.info("hatching %d sources (%d items) with %s at %s (context %d tokens)",
                len(packed.blocks), len(packed.numbers), options.model, options.display_url,
                context_tokens)
    reply = _ask(packed, plan, options)
    # Which shape came back decides how it is read, whatever was asked:
    # a server may ignore response_format and answer in Markdown.
    answer = parse_json_answer(reply.text) if looks_like_json(reply.text) else None
    structured = answer is not None
    if answer is None:
        answer = parse_answer(reply.text, [b.source.title for b in packed.blocks])
    result = assemble(answer, packed, sources, plan, stats)
    result.prompt_version = prompt.version(structured)
    if answer_tokens < prompt.ANSWER_TOKENS.get(plan.length, 1000) and not options.max_tokens:
        result.notes.append(f"The model's context ({context_tokens} tokens) left room for an "
                            f"answer of about {answer_tokens} tokens, short for a {plan.length} "
                            f"hatch; {setting} gives it more.")
    if reply.truncated:
        result.notes.append(cut_note(reply, answer_tokens, packed))
    result.model = reply.model or options.model
    return result


def _ask(packed: Packed, plan: Plan, options: LLMOptions) -> Reply:
    """The model's reply, asked for as JSON when `options.structured` is on
    (in each way servers take a schema, until one is accepted); asked again
    for Markdown when the server refuses schemas."""
    prompt_tokens = int(sum(len(m["content"]) for m in prompt.messages(packed, plan.length,
                                                                       plan.threads, plan.advice))
                        / chars_per_token([b.source for b in packed.blocks]))
    call = dict(max_tokens=packed.answer_tokens, prompt_tokens=prompt_tokens,
                context_tokens=packed.context_tokens if options.api == "ollama" else None)
    if options.structured != "off":
        schema = hatch_schema(packed, plan.threads, plan.advice)
        messages = prompt.messages(packed, plan.length, plan.threads, plan.advice, True)
        styles = SCHEMA_STYLES if options.api == "openai" else SCHEMA_STYLES[:1]
        for style in styles:
            drafted = options
            if options.on_text:
                drafted = dataclasses.replace(options, on_text=DraftWriter(options.on_text).feed)
            try:
                return ChatClient(drafted).chat(messages, schema=schema, schema_style=style,
                                                **call)
            except StatusError as error:
                if error.status not in REFUSAL_STATUSES or not _refuses_schema(error):
                    raise
                LOGGER.info("the model server refused a JSON schema as %s (%s)", style,
                            error.message)
    messages = prompt.messages(packed, plan.length, plan.threads, plan.advice, False)
    return ChatClient(options).chat(messages, **call)


def _refuses_schema(error: StatusError) -> bool:
    detail = (error.detail or error.message).lower()
    return any(word in detail for word in SCHEMA_WORDS)


def cut_note(reply: Reply, answer_tokens: int, packed: Packed) -> str:
    """Why the answer stopped short, and the setting that helps."""
    if reply.stopped:
        return ("The model server stopped in the middle of the answer (the stream ended "
                "without saying it was done: the server may have been stopped or crashed); "
                "the hatch keeps what arrived.")
    if reply.completion_tokens is not None and reply.completion_tokens < answer_tokens * 0.9:
        # It stopped for length before its own allowance: the context was full.
        setting = packed.context_setting
        if setting == OUR_SETTING:
            setting = "the model server's context size (and llm_context_tokens with it)"
        return (f"The model's answer was cut off when its context "
                f"({packed.context_tokens} tokens) was full; the hatch may stop short. "
                f"{setting[0].upper() + setting[1:]} gives it more room.")
    return ("The model's answer was cut off at its length limit; the hatch may stop short. "
            "A shorter length or a larger llm_max_tokens helps.")
