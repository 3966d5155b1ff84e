"""Dates as people's devices write them, in the languages Kindle speaks:
`Sunday, March 3, 2019 10:33:15 PM`, `Dienstag, 12. März 2019 um 21:39:27`,
`2019年3月3日星期日 下午10:33:15`. Read by tokens, never by one big pattern,
so every language shares one linear pass.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH_WORDS = (
    # en (with abbreviations), de, es, fr, it, nl, pt, ru (nominative and genitive)
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
)
MONTHS = {word: number for line in _MONTH_WORDS
          for number, word in enumerate(line.split(), start=1)}
MONTHS.update({"sept": 9, "jänner": 1, "setiembre": 9})

# Words (and CJK markers) that say a 12-hour time is after noon or before it.
AFTERNOON = {"pm", "下午", "晚上", "午後", "中午"}
MORNING = {"am", "上午", "凌晨", "早上", "午前"}

_TOKEN = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d+|[^\W\d_]+")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_CJK_HALF_DAY = re.compile(r"下午|晚上|午後|中午|上午|凌晨|早上|午前")

# Dates are read up to this length: a line longer than any date is not one.
MAX_DATE_CHARS = 200


def loose_date(text: str) -> str | None:
    """A written date and time as `YYYY-MM-DDTHH:MM:SSZ` (kept in the
    writer's local time, since these formats carry no zone); None when it
    cannot be read.

    :param text: e.g. `Tuesday, April 24, 2012, 04:13 PM`
    """
    text = text[:MAX_DATE_CHARS]
    # Most dates are ASCII, and the CJK patterns cannot match those.
    day = (None if text.isascii() else _cjk_day(text)) or _word_day(text)
    if day is None:
        return None
    hour, minute, second = _clock(text)
    try:
        moment = datetime(*day, hour, minute, second)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _cjk_day(text: str) -> tuple[int, int, int] | None:
    match = _CJK_DATE.search(text)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _word_day(text: str) -> tuple[int, int, int] | None:
    """Year, month and day from a date whose month is a word: the day is
    the short number nearest the month."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    month_at = next((i for i, t in enumerate(tokens) if t in MONTHS), None)
    year = next((int(t) for t in tokens if len(t) == 4 and t.isdigit()), None)
    if month_at is None or year is None:
        return None
    days = [(abs(i - month_at), int(t)) for i, t in enumerate(tokens)
            if t.isdigit() and len(t) <= 2]
    if not days:
        return None
    return year, MONTHS[tokens[month_at]], min(days)[1]


def _clock(text: str) -> tuple[int, int, int]:
    match = _TIME.search(text)
    if match is None:
        return 0, 0, 0
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    # "PM" is one token, "p.m." two ("p", "m").
    words = [t.casefold() for t in _TOKEN.findall(text) if not t[0].isdigit()]
    pairs = {a + b for a, b in zip(words, words[1:])} | set(words)
    half = None if text.isascii() else _CJK_HALF_DAY.search(text)
    marker = half[0] if half else ""
    if "pm" in pairs or marker in AFTERNOON:
        hour = hour % 12 + 12 if not (marker == "中午" and hour >= 11) else hour
    elif "am" in pairs or marker in MORNING:
        hour %= 12
    return hour, minute, second
