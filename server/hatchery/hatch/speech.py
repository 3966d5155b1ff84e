"""Parts of speech, so an idea's name is a noun phrase ("statewide polls",
"James Comey"), never a clause cut short ("statewide polls puts", "Comey
spoke") or a lone adjective or adverb ("tragic", "desperately").

English only: TextBlob ships the Brill tagger of Pattern (a lexicon of
~100,000 words with their likeliest tag, then suffix and context rules)
inside its wheel, so it needs no download and tags a paragraph in well
under a millisecond. Its tags are the Penn Treebank's ("NN", "VBZ", ...).
Other languages get no tags and keep the word-list rules of `ideas`.
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
    """The Penn Treebank tag of each token, in context; None for a language
    that is not tagged.

    :param tokens: a text's words and punctuation marks, in order.
    :param lang: the text's language code.
    """
    if lang not in TAGGED_LANGUAGES:
        return None
    if not tokens:
        return []
    parser = _parser()
    tags = [tag for _, tag in parser.find_tags(list(tokens))]
    for k, token in enumerate(tokens):
        if "-" in token and tags[k] == "JJ" and token not in parser.lexicon:
            # An unknown hyphenated word is guessed an adjective; its last
            # part says more: "hat-trick" is a noun, "life-threatening" no.
            last = parser.lexicon.get(token.rsplit("-", 1)[1].lower())
            if last in NOUN_TAGS:
                tags[k] = last
    return tags


def can_head(tag: str | None) -> bool:
    """True when a word so tagged can end a noun phrase (None: untagged)."""
    return tag is None or tag in NOUN_TAGS


def is_proper(tag: str | None) -> bool:
    """True when a word so tagged is read as (part of) a name."""
    return tag in ("NNP", "NNPS")


def can_modify(tag: str | None) -> bool:
    """True when a word so tagged can stand before a noun phrase's head."""
    return tag is None or tag in MODIFIER_TAGS
