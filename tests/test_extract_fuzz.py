"""Extractor robustness: thousands of mutated pages, never an exception,
always an article or a reason. Mutations are seeded, so every run sees the
same documents. (A page that takes too long is the extraction worker's to
stop: test_extraction_budget.py.)"""

import random

from conftest import RESOURCES

from hatchery.extract import Article, extract_article, find_context

SEED = 8
DOCUMENTS = 1200

PAGES = [p.read_bytes().decode("utf-8", "replace") for p in sorted(
    list((RESOURCES / "extract").glob("*.html")) + list((RESOURCES / "pages").glob("*.html")))]
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16", "shift_jis", "koi8-r")


def truncate(rng: random.Random, html: str) -> str:
    return html[: rng.randrange(len(html))]


def drop_closing_tags(rng: random.Random, html: str) -> str:
    return "".join(part if rng.random() < 0.6 else part.split(">", 1)[-1]
                   for part in html.split("</"))


def nest_deeply(rng: random.Random, html: str) -> str:
    depth = rng.choice((100, 1000, 5000))
    tag = rng.choice(("div", "span", "p", "li", "blockquote", "table"))
    at = rng.randrange(len(html))
    return html[:at] + f"<{tag}>" * depth + "deep text" + f"</{tag}>" * (depth // 2) + html[at:]


def huge_attribute(rng: random.Random, html: str) -> str:
    value = rng.choice(("x", "\"'<>", "é", "\x00")) * rng.choice((10_000, 200_000))
    return html.replace("<p>", f'<p data-x="{value}" class="{value[:1000]}">', 1)


def shuffle_tags(rng: random.Random, html: str) -> str:
    parts = html.split("<")
    rng.shuffle(parts)
    return "<".join(parts)


def junk_bytes(rng: random.Random, html: str) -> bytes:
    data = bytearray(html.encode("utf-8"))
    for _ in range(rng.randint(1, 200)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def mixed_encoding(rng: random.Random, html: str) -> bytes:
    half = len(html) // 2
    first, second = rng.choice(ENCODINGS), rng.choice(ENCODINGS)
    declared = rng.choice(ENCODINGS + ("bogus-charset",))
    head = f'<meta charset="{declared}">'
    return (head.encode() + html[:half].encode(first, "replace")
            + html[half:].encode(second, "replace"))


MUTATIONS = (truncate, drop_closing_tags, nest_deeply, huge_attribute, shuffle_tags,
             junk_bytes, mixed_encoding)


def test_mutated_pages_never_raise():
    rng = random.Random(SEED)
    for n in range(DOCUMENTS):
        document = rng.choice(PAGES)
        for mutation in rng.sample(MUTATIONS, rng.randint(1, 2)):
            if isinstance(document, bytes):
                document = document.decode("utf-8", "replace")
            document = mutation(rng, document)
        article = extract_article(document, url="https://fuzz.example/page")
        assert isinstance(article, Article), n
        if article.blocks:
            words = article.blocks[0].text.split()[:6]
            assert find_context(article, " ".join(words)).found, n
        else:
            assert article.reason, f"document {n}: an empty article must say why"


def test_stray_control_characters_do_not_cost_the_article():
    html = (RESOURCES / "pages" / "tides.html").read_text(encoding="utf-8")
    damaged = html.replace("Twice a day", "Twice\x00 a\x0b day").replace("neap", "ne\x1fap")
    article = extract_article(damaged)
    assert article.reason is None
    assert any("Twice a day the sea climbs" in block.text for block in article.blocks)
    assert "neap tides" in article.text
