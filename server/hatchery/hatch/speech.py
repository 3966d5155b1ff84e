"""Parts of speech, so an idea's name is a noun phrase ("statewide polls",
"Oren Vaskell"), never a clause cut short ("statewide polls puts", "Vaskell
spoke") or a lone adjective or adverb ("tragic", "desperately").

English only: TextBlob ships the lexicon of Pattern's Brill tagger
(~100,000 words with their likeliest tag) inside its wheel, so it needs no
download. TextBlob's English tagger reads each word on its own: its
lexicon's tag (the first word of a text is also looked up in lowercase),
else NNP for a capitalised word, CD for a number, else a tag guessed from
the suffix. It applies no context rules, so a word's tag depends only on
the word and on whether it opens the text, and `penn_tags` remembers it
per word instead of calling TextBlob per text (its results, token for
token, at a fifth of the cost). Its tags are the Penn Treebank's ("NN",
"VBZ", ...). Other languages get no tags and keep the word-list rules of
`ideas`.
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Sequence
from functools import lru_cache

# The head of an English noun phrase, its last word, is a noun.
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})

# What may stand before the head: adjectives, nouns, participles
# ("tracking polls", "protected bike lanes"), numbers and foreign words.
MODIFIER_TAGS = NOUN_TAGS | {"JJ", "JJR", "JJS", "VBG", "VBN", "CD", "FW"}

# The languages tagged.
TAGGED_LANGUAGES = frozenset({"en"})


@lru_cache(maxsize=1)
def _parser():
    """TextBlob's English parser, its lexicon read once. Imported late: the
    package pulls in NLTK, which costs a second a command-line start never
    needs."""
    from textblob.en import parser

    with warnings.catch_warnings():
        # The lexicon's reader leaves its file to the garbage collector:
        # collected here, its ResourceWarning is ignored rather than raised
        # later in whatever code the collector happens to run in.
        warnings.simplefilter("ignore", ResourceWarning)
        parser.find_tags(["warm"])
        gc.collect()
    return parser


def warm_up() -> None:
    """Read the tagger's lexicon now (about a second), so that the
    person's first Hatch does not wait for it. `hatchery serve` calls this
    in a background thread once it listens."""
    _parser()


def penn_tags(tokens: Sequence[str], lang: str) -> list[str] | None:
    """The Penn Treebank tag of each token, as TextBlob tags the tokens
    together; None for a language that is not tagged.

    :param tokens: a text's words and punctuation marks, in order.
    :param lang: the text's language code.
    """
    if lang not in TAGGED_LANGUAGES:
        return None
    if not tokens:
        return []
    return [_first_tag(tokens[0]), *map(_tag, tokens[1:])]


# Words whose tags are remembered: a few hatches' vocabulary, under a
# megabyte.
TAGS_REMEMBERED = 32768


@lru_cache(maxsize=TAGS_REMEMBERED)
def _tag(token: str) -> str:
    """The tag TextBlob gives `token` anywhere but first in a text."""
    return _improved(token, _parser().find_tags([".", token])[1][1])


@lru_cache(maxsize=TAGS_REMEMBERED)
def _first_tag(token: str) -> str:
    """The tag TextBlob gives `token` first in a text (where the lexicon is
    also asked for its lowercase form)."""
    return _improved(token, _parser().find_tags([token])[0][1])


def _improved(token: str, tag: str) -> str:
    if "-" in token and tag == "JJ" and token not in _parser().lexicon:
        # An unknown hyphenated word is guessed an adjective; its last
        # part says more: "hat-trick" is a noun, "life-threatening" no.
        last = _parser().lexicon.get(token.rsplit("-", 1)[1].lower())
        if last in NOUN_TAGS:
            return last
    return tag


def can_head(tag: str | None) -> bool:
    """True when a word so tagged can end a noun phrase (None: untagged)."""
    return tag is None or tag in NOUN_TAGS


def is_proper(tag: str | None) -> bool:
    """True when a word so tagged is read as (part of) a name."""
    return tag in ("NNP", "NNPS")


def can_modify(tag: str | None) -> bool:
    """True when a word so tagged can stand before a noun phrase's head."""
    return tag is None or tag in MODIFIER_TAGS
