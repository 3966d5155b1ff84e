"""The language-model settings `serve` and `hatch` share: the same flags
over the same config.toml, `--llm auto` (the first model server answering
on this machine), and the check that the configured model exists."""

from __future__ import annotations

from collections.abc import Callable

import click

# What `--llm auto` and `hatchery models` try, said once for every message.
USUAL_PORTS = "Ollama 11434, llama.cpp 8080, LM Studio 1234, vLLM 8000"


def llm_flags(command: Callable) -> Callable:
    """Add --llm, --llm-url, --llm-model, --llm-context-tokens and
    --llm-fallback to a command (its function takes them as keywords)."""
    flags = [
        click.option("--llm", "llm_mode", type=click.Choice(["auto"]), default=None,
                     help="auto: hatch with the first model server answering on the usual "
                          f"loopback ports ({USUAL_PORTS}) and its first model; "
                          "`hatchery models` lists them."),
        click.option("--llm-url", default=None, metavar="URL",
                     help="An OpenAI-compatible endpoint to hatch with, e.g. "
                          "http://127.0.0.1:11434/v1 (Ollama). The API key, if it needs one, "
                          "is read from $HATCHERY_LLM_API_KEY."),
        click.option("--llm-model", default=None, metavar="NAME",
                     help="The model to ask, e.g. llama3.1:8b."),
        click.option("--llm-context-tokens", default=None, type=click.IntRange(min=512),
                     metavar="N", help="The model's context window; highlights are packed "
                                       "to fit it (default: what the server says, or 4096)."),
        click.option("--llm-fallback/--no-llm-fallback", default=None,
                     help="When the model fails, hatch with the offline engine instead "
                          "(default on)."),
    ]
    for flag in reversed(flags):
        command = flag(command)
    return command


def llm_config(settings: dict, *, llm_mode: str | None, llm_url: str | None,
               llm_model: str | None, llm_context_tokens: int | None,
               llm_fallback: bool | None) -> dict:
    """`settings` (config.toml's) with the command line's llm flags over
    them, and `--llm auto` resolved; what it picked, or that it found
    nothing, is said on stderr.

    :raises click.UsageError: --llm auto together with --llm-url or --llm-model.
    :raises click.ClickException: only one of llm_url and llm_model is set.
    """
    config = dict(settings)
    if llm_mode == "auto":
        if llm_url or llm_model:
            raise click.UsageError("Give either --llm auto or --llm-url and --llm-model, "
                                   "not both.")
        config.pop("LLM_URL", None)
        config.pop("LLM_MODEL", None)
        llm_url, llm_model = _auto() or (None, None)
    overrides = {"LLM_URL": llm_url, "LLM_MODEL": llm_model,
                 "LLM_CONTEXT_TOKENS": llm_context_tokens, "LLM_FALLBACK": llm_fallback}
    config.update({k: v for k, v in overrides.items() if v is not None})
    if bool(config.get("LLM_URL")) != bool(config.get("LLM_MODEL")):
        raise click.ClickException("Give both --llm-url and --llm-model (or llm_url and "
                                   "llm_model in config.toml) to hatch with a language model; "
                                   "--llm auto finds one.")
    return config


def _auto() -> tuple[str, str] | None:
    """(url, model) of the first model server found, said on stderr."""
    from ..hatch.llm import discover

    servers = discover.discover(servers=discover.KNOWN_SERVERS)
    picked = discover.pick(servers)
    if picked is None:
        click.echo(f"--llm auto: no model server answers with a model on the usual ports "
                   f"({USUAL_PORTS}); hatching with the offline engine only. Start one "
                   "(e.g. `ollama serve` after `ollama pull qwen2.5:3b`) and run this again, "
                   "or give --llm-url and --llm-model.", err=True)
        return None
    url, model = picked
    kind = next(s.kind for s in servers if s.url == url)
    click.echo(f"--llm auto: picked {model} at {url} ({kind}); `hatchery models` lists "
               "the others, --llm-model picks one.", err=True)
    return picked


def llm_options(config: dict, *, check: bool):
    """The LLM options of `config` (None without a model).

    :param check: ask the model server whether it lists the model (a
        server that does not answer is not an error here: the hatch will
        fall back or say so).
    :raises click.ClickException: a setting is wrong, or the server does not
        list the model (the line names the ones it has).
    """
    from ..hatch.llm import options_from_config
    from ..hatch.llm.discover import check_model
    from ..hatch.llm.errors import UnknownModel

    try:
        options = options_from_config(config)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if options is not None and check and options.check_model:
        try:
            check_model(options)
        except UnknownModel as error:
            raise click.ClickException(error.message) from None
    return options
