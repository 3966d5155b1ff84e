"""Page titles as a reader wants them: the headline, without the site's
name that `<title>` tacks on (" - Vox", "| Riverside Courier")."""

from __future__ import annotations

# What sites put between a headline and their name, longest first.
SEPARATORS = (" :: ", " | ", " - ", " — ", " – ", " · ", " » ", " / ")

# A trailing (or leading) part this short, in words, with its words
# capitalised, reads as a site's name even when `site_name` is unknown.
SITE_NAME_WORDS = 4


def _looks_like_site(part: str) -> bool:
    words = part.split()
    return (
        0 < len(words) <= SITE_NAME_WORDS
        and len(part) <= 40
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    )


def clean_title(title: str | None, site_name: str | None = None) -> str:
    """`title` without the site's name before or after it.

    :param title: a page's title, often `<title>` text.
    :param site_name: the site's name (og:site_name), when known.
    :return: the headline, whitespace folded; "" for no title.
    """
    text = " ".join((title or "").split())
    site = " ".join((site_name or "").split()).lower()
    for sep in SEPARATORS:
        if sep not in text:
            continue
        head, _, tail = text.rpartition(sep)
        if site and (tail.lower() == site or site in tail.lower()) and len(head.split()) >= 2:
            return head.strip()
        first, _, rest = text.partition(sep)
        if site and first.lower() == site and len(rest.split()) >= 2:
            return rest.strip()
        if _looks_like_site(tail) and len(head.split()) >= 3:
            return head.strip()
    return text


def title_of(source) -> str:
    """The source's clean title, or its URL when it has none.

    :param source: a `Source` (anything with `title`, `site_name`, `url`).
    """
    return clean_title(source.title, source.site_name) or source.url
