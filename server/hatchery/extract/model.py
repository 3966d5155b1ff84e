"""The dataclasses extraction returns: Block, Article, HighlightContext."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

BLOCK_KINDS = ("heading", "paragraph", "list_item", "quote", "code", "caption")


@dataclass
class Block:
    """One unit of the article in reading order."""

    kind: str  # heading | paragraph | list_item | quote | code | caption
    text: str
    level: int | None = None  # heading level 1-6; list nesting depth for items


@dataclass
class Article:
    """A page's main content and metadata.

    ``blocks`` is the article body in reading order and ``text`` is exactly
    their texts joined by blank lines. ``outside`` keeps short page texts that
    are not part of the body (figure captions, asides, related links), capped
    in size, so a highlight made there can still be located and reported as
    outside the body. ``reason`` says why the body is empty, when it is.
    ``page_type`` is what `pagetype.classify_page` recognised.
    """

    title: str = ""
    byline: str | None = None
    site_name: str | None = None
    lang: str | None = None
    published: str | None = None
    image: str | None = None
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    reason: str | None = None
    outside: list[Block] = field(default_factory=list)
    # documentation | forum | product | service | listing | article
    page_type: str = "article"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        """Rebuild an Article from `to_dict()` output; unknown keys are ignored
        so an article stored by a newer version still loads."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (data or {}).items() if k in known}
        for key in ("blocks", "outside"):
            values[key] = [b if isinstance(b, Block) else Block(**b)
                           for b in values.get(key) or []]
        return cls(**values)


@dataclass
class HighlightContext:
    """Where a highlight sits in an article.

    ``found`` with ``in_body`` True: ``block_index`` indexes
    ``article.blocks``. ``found`` with ``in_body`` False: the text was located
    in ``article.outside`` (a caption, a sidebar); ``block_index`` is None and
    ``block_text`` is that outside text. Not found: everything empty.
    """

    found: bool
    in_body: bool
    block_index: int | None = None
    block_text: str = ""
    before: str = ""  # the sentence(s) just before the highlight in its block
    after: str = ""  # the sentence(s) just after it
    heading_path: list[str] = field(default_factory=list)
    block_kind: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)
