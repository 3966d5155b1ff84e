"""Field rules shared by the JSON API and the library's forms."""

from __future__ import annotations

from ..errors import ValidationError
from .limits import MAX_TAG, MAX_TAGS


def clean_tags(values: list[str], name: str = "tags") -> list[str]:
    """Tags as stored: stripped, empty ones dropped, repeats removed, order kept.

    :param values: the tags as the person typed them.
    :param name: the field to name in the error.
    :raises ValidationError: more than `MAX_TAGS` tags or one over `MAX_TAG` characters.
    """
    cleaned = list(dict.fromkeys(t.strip() for t in values if t.strip()))
    if len(cleaned) > MAX_TAGS or any(len(t) > MAX_TAG for t in cleaned):
        raise ValidationError(f"`{name}`: at most {MAX_TAGS} tags of {MAX_TAG} characters.")
    return cleaned
