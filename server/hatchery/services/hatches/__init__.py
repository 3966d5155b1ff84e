"""Hatching stored pages: gather the picked pages and highlights from the
store, run the engine, keep the result in the hatch history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ... import hatch as engine_lib
from ...contract.limits import MAX_HATCH_HIGHLIGHTS, MAX_HATCH_PAGES
from ...errors import UpstreamError, ValidationError
from ...store import Store


def gather_sources(store: Store, page_ids: Sequence[int] = (),
                   highlight_ids: Sequence[str] = ()) -> list[engine_lib.Source]:
    """The sources for a hatch, in the order the person picked them.

    Picked pages bring all their highlights; picked highlights bring their
    page with just those highlights. Raises NotFoundError naming a missing id.
    """
    chosen: dict[int, list[dict]] = {}
    for page_id in dict.fromkeys(page_ids):
        store.get_page(page_id)  # NotFoundError names the page
        chosen[page_id] = store.highlights_for_page(page_id)
    for highlight in store.highlights_by_ids(list(dict.fromkeys(highlight_ids))):
        picked = chosen.setdefault(highlight["page_id"], [])
        if all(h["id"] != highlight["id"] for h in picked):
            picked.append(highlight)
    if len(chosen) > MAX_HATCH_PAGES:
        raise ValidationError(f"A hatch takes at most {MAX_HATCH_PAGES} pages; {len(chosen)} were picked.")
    count = sum(len(h) for h in chosen.values())
    if count > MAX_HATCH_HIGHLIGHTS:
        raise ValidationError(
            f"A hatch takes at most {MAX_HATCH_HIGHLIGHTS} highlights; {count} were picked.")
    return [_source(store.get_page(page_id), highlights)
            for page_id, highlights in chosen.items()]


def _source(page: dict, highlights: list[dict]) -> engine_lib.Source:
    """A stored page and highlights as the engine's input. `hatch/` keeps its
    own input types (Source, SourceHighlight) and never imports the store;
    this is the one place that converts."""
    article = page.get("article") or {}
    ordered = sorted(highlights, key=lambda h: (h["start"] is None, h["start"] or 0))
    return engine_lib.Source(
        id=page["id"], url=page["url"], title=page["title"] or page["url"],
        site_name=page.get("site_name"), text=article.get("text") or page.get("article_text") or "",
        highlights=[
            engine_lib.SourceHighlight(
                id=h["id"], text=h["exact"], note=h["note"] or None, color=h["color"],
                tags=list(h["tags"]), start=h["start"],
                context=(h["context"] or {}).get("block_text") or None)
            for h in ordered
        ],
    )


def available_engines(config: Mapping) -> list[str]:
    """The engines this server can hatch with: "local", and "llm" when a
    model is configured."""
    from ...hatch.llm import options_from_config

    try:
        configured = options_from_config(config) is not None
    except ValueError:
        configured = False
    return ["local", "llm"] if configured else ["local"]


def configured_model(config: Mapping) -> str | None:
    """The model the llm engine asks, as configured (no model server is
    asked, so /api/health stays instant); None without a usable one."""
    from ...hatch.llm import options_from_config

    try:
        options = options_from_config(config)
    except ValueError:
        return None
    return options.model if options is not None else None


def engine_options(config: Mapping, engine: str):
    """The settings object `engine` needs from the app's config, or None.

    :raises ValidationError: the llm engine was asked for but is not configured.
    """
    if engine != "llm":
        return None
    from ...hatch.llm import options_from_config

    try:
        options = options_from_config(config)
    except ValueError as error:
        raise ValidationError(f"The llm engine is misconfigured: {error}.",
                              code="engine_unavailable") from None
    if options is None:
        raise ValidationError(
            "The llm engine is not configured: start the server with --llm-url and "
            "--llm-model, or set llm_url and llm_model in the data folder's config.toml.",
            code="engine_unavailable")
    return options


def run_engine(sources: list[engine_lib.Source], *, engine: str, length: str, options=None):
    """`hatch.hatch`, with a model's failure (when there is no fallback) as
    an UpstreamError the API answers with 502."""
    from ...hatch.llm import Cancelled, LLMError

    try:
        return engine_lib.hatch(sources, engine=engine, length=length, options=options)
    except Cancelled:
        raise
    except LLMError as error:
        raise UpstreamError(error.message) from None


def create_hatch(store: Store, *, page_ids: Sequence[int] = (),
                 highlight_ids: Sequence[str] = (), engine: str = "local",
                 length: str = "short", options=None) -> dict:
    """Hatch the picked pages/highlights and store the result.

    :param options: the engine's settings (see `engine_options`).
    :raises NothingToHatch: nothing was picked, or what was has no text
    :raises ValueError: an unknown engine or length
    :raises UpstreamError: the model failed and fallback is off
    """
    sources = gather_sources(store, page_ids, highlight_ids)
    result = run_engine(sources, engine=engine, length=length, options=options)
    return store_hatch(store, sources, result, length)


def store_hatch(store: Store, sources: list[engine_lib.Source], result: engine_lib.Hatch,
                length: str) -> dict:
    """Keep a hatch in the history (engine, model and prompt version are in
    its result; no setting of the engine is)."""
    return store.add_hatch(
        title=result.title, engine=result.engine, length=length,
        page_ids=[s.id for s in sources],
        highlight_ids=[h.id for s in sources for h in s.highlights],
        result=result.to_dict())


def flatten(stored: dict) -> dict:
    """A stored hatch as the API shows it: its record and its content side by side."""
    result = stored.get("result") or {}
    meta = {k: v for k, v in stored.items() if k != "result"}
    return {**result, **meta}
