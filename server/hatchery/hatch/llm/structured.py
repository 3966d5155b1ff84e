"""The hatch asked for as JSON: the schema, reading the answer, and the
readable draft streamed while the JSON is written.

The schema is built for each hatch from the packed items: a citation can
only be one of their numbers, and a sentence in source k's section can only
cite source k's items, so a server that enforces schemas (llama.cpp,
Ollama, vLLM, LM Studio, OpenAI) cannot produce an invented number or a
sentence without one. The answer still goes through the same verifier as a
Markdown answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .items import Packed
from .parse import THINK, Answer, Said, split_said

PARTS = ("introduction", "sections", "threads", "advice", "conclusion")
SECTION_KEY = "source_{}"

# Bounds that keep a small model from writing one part forever.
MAX_INTRODUCTION = 3
MAX_SECTION_SENTENCES = 6
MAX_CONCLUSION = 2


def _sentences(ids: list[int], min_items: int, max_items: int) -> dict:
    sentence = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "cites": {"type": "array", "items": {"type": "integer", "enum": ids},
                      "minItems": 1},
        },
        "required": ["text", "cites"],
        "additionalProperties": False,
    }
    return {"type": "array", "items": sentence, "minItems": min_items, "maxItems": max_items}


def hatch_schema(packed: Packed, threads: int, advice: int) -> dict:
    """The JSON schema of a hatch of `packed`: citations limited to the
    items' numbers, each section's to its own source's items.

    :param threads: the most common threads asked for.
    :param advice: the most pieces of advice asked for.
    """
    every = sorted(packed.numbers)
    sections = {SECTION_KEY.format(k): _sentences([i.n for i in block.items], 1,
                                                  MAX_SECTION_SENTENCES)
                for k, block in enumerate(packed.blocks, 1)}
    properties = {
        "title": {"type": "string"},
        "introduction": _sentences(every, 1, MAX_INTRODUCTION),
        "sections": {"type": "object", "properties": sections,
                     "required": list(sections), "additionalProperties": False},
        "threads": _sentences(every, 0, max(threads, 0)),
        "advice": _sentences(every, 0, max(advice, 0)),
        "conclusion": _sentences(every, 1, MAX_CONCLUSION),
    }
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def looks_like_json(text: str) -> bool:
    """True when the answer is (or starts as) a JSON object: the server kept
    to the schema. Otherwise it is read as Markdown."""
    body = THINK.sub("", text).strip()
    if body.startswith("```"):
        body = body.split("\n", 1)[-1].lstrip()
    return body.startswith("{")


def _said_list(value: object) -> list[Said]:
    out = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("text"), str):
            cites = [n for n in entry.get("cites") or [] if isinstance(n, int)]
            # Markers written inside the text do not count: strip them.
            words = " ".join(s.text for s in split_said(entry["text"]))
            if words:
                out.append(Said(words, list(dict.fromkeys(cites))))
        elif isinstance(entry, str) and entry.strip():
            out.extend(split_said(entry))  # a bare string: its own end markers only
    return out


def parse_json_answer(text: str) -> Answer | None:
    """The parts of a JSON answer, or None when it is not a JSON hatch
    (then the caller reads it as Markdown)."""
    body = THINK.sub("", text).strip().strip("`")
    if body.startswith("json"):
        body = body[4:]
    start = body.find("{")
    if start < 0:
        return None
    data = _loads_prefix(body[start:])
    if not isinstance(data, dict) or not any(part in data for part in PARTS):
        return None
    answer = Answer()
    title = data.get("title")
    answer.title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    answer.introduction = [s] if (s := _said_list(data.get("introduction"))) else []
    sections = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    for key, value in sections.items():
        number = key.rsplit("_", 1)[-1]
        if number.isdigit() and (said := _said_list(value)):
            answer.sections[int(number)] = [said]
    answer.threads = _said_list(data.get("threads"))
    answer.advice = _said_list(data.get("advice"))
    answer.conclusion = [s] if (s := _said_list(data.get("conclusion"))) else []
    answer.headings = len(data)
    return answer


# How many cut points a cut-off answer is tried at, from its end.
MAX_REPAIRS = 200


def _closers(text: str) -> str | None:
    """The brackets that close what `text` leaves open, or None when it
    ends inside a string."""
    stack, in_string, escape = [], False, False
    for ch in text:
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]" and stack:
            stack.pop()
    return None if in_string else "".join(reversed(stack))


def _loads_prefix(text: str) -> object | None:
    """The JSON in `text`; for an answer cut off mid-way (length limit,
    stopped server), the longest prefix that ends after a complete value,
    closed."""
    end = text.rfind("}")
    try:
        return json.loads(text[: end + 1]) if end >= 0 else None
    except ValueError:
        pass
    cuts = [i for i, ch in enumerate(text) if ch in "}]"][-MAX_REPAIRS:]
    for at in reversed(cuts):
        head = text[: at + 1]
        closers = _closers(head)
        if closers is None:
            continue
        try:
            return json.loads(head + closers)
        except ValueError:
            continue
    return None


HEADINGS = {"introduction": "Introduction", "threads": "Common threads",
            "advice": "Actionable advice", "conclusion": "Conclusion"}
ESCAPES = {"n": " ", "t": " ", "r": "", '"': '"', "\\": "\\", "/": "/", "b": "", "f": ""}


class DraftWriter:
    """Turns the JSON as it streams into readable text for `on_text`: the
    title, part headings and the sentences, without braces and numbers.

    A small state machine over the characters (no regex, no re-parsing), so
    each piece costs its own length. An answer that does not open with
    ``{`` (a server that ignored the schema and wrote Markdown) passes
    through as it is.
    """

    def __init__(self, on_text: Callable[[str], None]):
        self.on_text = on_text
        self._mode = ""  # "json" or "text", decided by the first visible character
        self._held: list[str] = []
        self._in_string = False
        self._escape = ""
        self._is_key = False
        self._expect_key = False
        self._stack: list[str] = []
        self._key = ""
        self._buffer: list[str] = []
        self._showing = False

    def feed(self, piece: str) -> None:
        """Read the next piece of the answer."""
        if self._mode == "text":
            self.on_text(piece)
            return
        if not self._mode:
            self._held.append(piece)
            held = "".join(self._held)
            body = held.lstrip()
            if body.startswith("```"):
                if "\n" not in body:
                    return  # the fence's language is still coming
                body = body.split("\n", 1)[1].lstrip()
            if not body:
                return
            self._mode = "json" if body[0] == "{" else "text"
            if self._mode == "text":
                self.on_text(held)
                return
            piece = body
        out: list[str] = []
        for ch in piece:
            if self._in_string:
                self._string_char(ch, out)
            elif ch == '"':
                self._in_string, self._buffer = True, []
                self._is_key = self._expect_key
                self._showing = not self._is_key and self._key in ("text", "title")
                if self._showing and self._key == "title":
                    out.append("# ")
            elif ch in "{[":
                self._stack.append(ch)
                self._expect_key = ch == "{"
            elif ch in "}]":
                if self._stack:
                    self._stack.pop()
                self._expect_key = False
            elif ch == ",":
                self._expect_key = bool(self._stack) and self._stack[-1] == "{"
            elif ch == ":":
                self._expect_key = False
        if out:
            self.on_text("".join(out))

    def _string_char(self, ch: str, out: list[str]) -> None:
        if self._escape:
            self._escape += ch
            if self._escape.startswith("\\u"):
                if len(self._escape) < 6:
                    return
                try:
                    ch = chr(int(self._escape[2:], 16))
                except ValueError:
                    ch = ""
            else:
                ch = ESCAPES.get(ch, "")
            self._escape = ""
            self._emit(ch, out)
            return
        if ch == "\\":
            self._escape = "\\"
        elif ch == '"':
            self._in_string = False
            if self._is_key:
                self._key = "".join(self._buffer)
                self._heading(self._key, out)
            elif self._showing:
                out.append("\n\n" if self._key == "title" else " ")
        else:
            self._emit(ch, out)

    def _emit(self, ch: str, out: list[str]) -> None:
        self._buffer.append(ch)
        if self._showing:
            out.append(ch)

    def _heading(self, key: str, out: list[str]) -> None:
        if key in HEADINGS:
            out.append(f"\n\n## {HEADINGS[key]}\n\n")
        elif key.startswith("source_") and key[7:].isdigit():
            out.append(f"\n\n## Source {key[7:]}\n\n")
