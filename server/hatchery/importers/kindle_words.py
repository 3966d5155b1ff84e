"""The words Kindle firmware writes on a clipping's second line, in every
language it ships, old formats included:

    - Your Highlight on page 12 | Location 170-172 | Added on Sunday, ...
    - Highlight Loc. 1234-36  | Added on Tuesday, April 24, 2012, 04:13 PM
    - Ihre Markierung bei Position 1011-1012 | Hinzugefügt am Dienstag, ...
    - 12ページ|位置No. 170-172のハイライト |作成日: 2019年3月3日日曜日 22:33:15
    - 您在第 12 页（位置 #170-172）的标注 | 添加于 2019年3月3日星期日 下午10:33:15

Read by keyword (the earliest kind word on the line wins) and by small
patterns over each `|`-separated part, so one file may mix languages.
"""

from __future__ import annotations

import re

# kind -> the words that name it (en, de, es, fr, it, nl, pt, ru, ja, zh).
KIND_WORDS = {
    "highlight": ("highlight", "markierung", "subrayado", "surlignement", "evidenziazione",
                  "markering", "destaque", "выделенный отрывок", "выделение", "ハイライト",
                  "标注", "標註", "劃線"),
    "note": ("note", "notiz", "nota", "notitie", "заметка", "メモ", "笔记", "筆記"),
    "bookmark": ("bookmark", "lesezeichen", "marcador", "signet", "segnalibro", "bladwijzer",
                 "закладка", "ブックマーク", "书签", "書籤"),
    "clip": ("clip", "article clip"),
}
# Latin and Cyrillic words must stand alone ("nota" is not in "notable");
# CJK words have no spaces around them.
_KIND = re.compile(
    "|".join(rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])" if w.isascii() or w[0] < "\u3000"
             else re.escape(w)
             for words in KIND_WORDS.values() for w in words), re.IGNORECASE)
_KIND_OF = {w.casefold(): kind for kind, words in KIND_WORDS.items() for w in words}

# "Location 170-172", "Loc. 1234-36", "Position 1011", "posición 12",
# "emplacement 12", "posizione", "locatie", "posição", "местоположение",
# "месте", "位置No. 170", "位置 #170".
_LOCATION = re.compile(
    r"(?:location|loc\.|position|pos\.|posición|emplacement|posizione|locatie|posição|"
    r"местоположение|месте|место|位置)\s*(?:no\.|#)?\s*(\d{1,9})(?:\s*-\s*(\d{1,9}))?",
    re.IGNORECASE)
# "page 12", "Seite 12", "página 12", "pagina 12", "странице 12", "12ページ", "第 12 页".
_PAGE = re.compile(
    r"(?:page|seite|página|pagina|страница|странице|стр\.)\s*([0-9ivxlcdm]{1,12})"
    r"|(\d{1,9})\s*(?:ページ|页|頁)", re.IGNORECASE)
# The word before the date: "Added on", "Hinzugefügt am", "Añadido el",
# "Ajouté le", "Aggiunto in data", "Toegevoegd op", "Adicionado:",
# "Добавлено:", "作成日:", "添加于".
_ADDED = re.compile(
    r"added on|hinzugefügt am|añadido el|ajouté le|aggiunto in data|aggiunto il|"
    r"toegevoegd op|adicionado|добавлено|作成日時?|添加于|加入於|新增於", re.IGNORECASE)


def kind(meta: str) -> str | None:
    """highlight, note, bookmark or clip; None when the line names none."""
    match = _KIND.search(meta)
    return _KIND_OF.get(match[0].casefold()) if match else None


def location(meta: str) -> tuple[int, int] | None:
    """The clipping's first and last location; `1234-36` is 1234 to 1236."""
    match = _LOCATION.search(meta)
    if match is None:
        return None
    start, end = int(match[1]), match[2]
    if end is None:
        return start, start
    if int(end) < start and len(end) < len(match[1]):  # the old short form
        end = match[1][:len(match[1]) - len(end)] + end
    return start, max(start, int(end))


def page(meta: str) -> str:
    match = _PAGE.search(meta)
    return (match[1] or match[2]) if match else ""


def added(meta: str) -> str:
    """The text of the date, after the 'Added on' words ("" when absent)."""
    match = _ADDED.search(meta)
    return meta[match.end():].lstrip(" :：") if match else ""
