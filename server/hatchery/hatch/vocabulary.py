"""The words of the frame, once: section names and framing sentences, in
each language the frame speaks. Markdown, the popup and the library all
take their section names from here (the server sends them with the hatch
as `headings`), so a section has one name everywhere.

Placeholders: {names} titles of pages, {n} a number of pages, {k} a
smaller number, {phrase} one thread, {phrases} several, {what} what was
highlighted.
"""

from __future__ import annotations

# Section names, by language. Keys are the names the hatch's JSON uses.
HEADINGS: dict[str, dict[str, str]] = {
    "en": {"threads": "Common threads", "advice": "Actionable advice",
           "conclusion": "In conclusion", "sources": "Sources", "notes": "Notes"},
    "de": {"threads": "Gemeinsame Fäden", "advice": "Praktische Ratschläge",
           "conclusion": "Zum Schluss", "sources": "Quellen", "notes": "Hinweise"},
    "fr": {"threads": "Fils communs", "advice": "Conseils pratiques",
           "conclusion": "En conclusion", "sources": "Sources", "notes": "Remarques"},
    "es": {"threads": "Hilos comunes", "advice": "Consejos prácticos",
           "conclusion": "En conclusión", "sources": "Fuentes", "notes": "Notas"},
    "pt": {"threads": "Fios comuns", "advice": "Conselhos práticos",
           "conclusion": "Em conclusão", "sources": "Fontes", "notes": "Notas"},
    "ru": {"threads": "Общие нити", "advice": "Практические советы",
           "conclusion": "В заключение", "sources": "Источники", "notes": "Примечания"},
    "ja": {"threads": "共通のテーマ", "advice": "実践のヒント",
           "conclusion": "まとめ", "sources": "出典", "notes": "注記"},
    "zh": {"threads": "共同线索", "advice": "实用建议",
           "conclusion": "总结", "sources": "来源", "notes": "说明"},
    "ko": {"threads": "공통된 주제", "advice": "실천 조언",
           "conclusion": "결론", "sources": "출처", "notes": "참고"},
}

# Framing sentences, by language.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "and": " and ", "more": "{n} more", "quote": "“{}”",
        "single": "This hatch is drawn from {names} and {what}.",
        "what_one": "the passage highlighted in it",
        "what_many": "the {n} passages highlighted in it",
        "what_none": "its article text",
        "story": "These {n} pages follow one story: {names}.",
        "theme": "These {n} pages share a theme: {names}.",
        "unrelated": "These {n} pages stand apart, so each is summed up on its own: {names}.",
        "apart": "{names} stands apart from the others.",
        "strongest_all": "They meet on {phrase}, found in all of them.",
        "strongest_some": "They meet on {phrase}, found in {k} of the {n}.",
        "recurring": "A recurring idea is {phrase}.",
        "together": "Taken together, {names} meet on {phrases}.",
        "together_all": "Taken together, these {n} pages meet on {phrases}.",
        "together_single": "Taken together, these passages keep returning to {phrases}.",
        "note": "My note: ",
    },
    "de": {
        "and": " und ", "more": "{n} weitere", "quote": "„{}“",
        "single": "Dieser Hatch stammt aus {names} und {what}.",
        "what_one": "der darin markierten Stelle",
        "what_many": "den {n} darin markierten Stellen",
        "what_none": "seinem Artikeltext",
        "story": "Diese {n} Seiten folgen einer Geschichte: {names}.",
        "theme": "Diese {n} Seiten teilen ein Thema: {names}.",
        "unrelated": "Diese {n} Seiten stehen für sich, daher wird jede einzeln zusammengefasst: {names}.",
        "apart": "{names} steht für sich.",
        "strongest_all": "Sie treffen sich bei {phrase}, das in allen vorkommt.",
        "strongest_some": "Sie treffen sich bei {phrase}, das in {k} von {n} vorkommt.",
        "recurring": "Ein wiederkehrender Gedanke ist {phrase}.",
        "together": "Zusammengenommen treffen sich {names} bei {phrases}.",
        "together_all": "Zusammengenommen treffen sich diese {n} Seiten bei {phrases}.",
        "together_single": "Zusammengenommen kommen diese Stellen immer wieder auf {phrases} zurück.",
        "note": "Meine Notiz: ",
    },
    "fr": {
        "and": " et ", "more": "{n} autres", "quote": "« {} »",
        "single": "Ce hatch est tiré de {names} et {what}.",
        "what_one": "du passage qui y est surligné",
        "what_many": "des {n} passages qui y sont surlignés",
        "what_none": "du texte de l'article",
        "story": "Ces {n} pages suivent une même histoire : {names}.",
        "theme": "Ces {n} pages partagent un thème : {names}.",
        "unrelated": "Ces {n} pages sont sans lien, chacune est donc résumée à part : {names}.",
        "apart": "{names} est à part.",
        "strongest_all": "Elles se rejoignent sur {phrase}, présent dans toutes.",
        "strongest_some": "Elles se rejoignent sur {phrase}, présent dans {k} sur {n}.",
        "recurring": "Une idée revient : {phrase}.",
        "together": "Au total, {names} se rejoignent sur {phrases}.",
        "together_all": "Au total, ces {n} pages se rejoignent sur {phrases}.",
        "together_single": "Au total, ces passages reviennent sans cesse à {phrases}.",
        "note": "Ma note : ",
    },
    "es": {
        "and": " y ", "more": "{n} más", "quote": "«{}»",
        "single": "Este hatch parte de {names} y {what}.",
        "what_one": "del pasaje resaltado en él",
        "what_many": "de los {n} pasajes resaltados en él",
        "what_none": "del texto del artículo",
        "story": "Estas {n} páginas siguen una misma historia: {names}.",
        "theme": "Estas {n} páginas comparten un tema: {names}.",
        "unrelated": "Estas {n} páginas no tienen relación, así que cada una se resume por separado: {names}.",
        "apart": "{names} queda aparte.",
        "strongest_all": "Coinciden en {phrase}, presente en todas.",
        "strongest_some": "Coinciden en {phrase}, presente en {k} de las {n}.",
        "recurring": "Una idea recurrente es {phrase}.",
        "together": "En conjunto, {names} coinciden en {phrases}.",
        "together_all": "En conjunto, estas {n} páginas coinciden en {phrases}.",
        "together_single": "En conjunto, estos pasajes vuelven una y otra vez a {phrases}.",
        "note": "Mi nota: ",
    },
    "pt": {
        "and": " e ", "more": "mais {n}", "quote": "“{}”",
        "single": "Este hatch parte de {names} e {what}.",
        "what_one": "do trecho destacado nele",
        "what_many": "dos {n} trechos destacados nele",
        "what_none": "do texto do artigo",
        "story": "Estas {n} páginas seguem uma mesma história: {names}.",
        "theme": "Estas {n} páginas partilham um tema: {names}.",
        "unrelated": "Estas {n} páginas não têm relação, por isso cada uma é resumida à parte: {names}.",
        "apart": "{names} fica à parte.",
        "strongest_all": "Encontram-se em {phrase}, presente em todas.",
        "strongest_some": "Encontram-se em {phrase}, presente em {k} das {n}.",
        "recurring": "Uma ideia recorrente é {phrase}.",
        "together": "Em conjunto, {names} encontram-se em {phrases}.",
        "together_all": "Em conjunto, estas {n} páginas encontram-se em {phrases}.",
        "together_single": "Em conjunto, estes trechos voltam sempre a {phrases}.",
        "note": "Minha nota: ",
    },
    "ru": {
        "and": " и ", "more": "ещё {n}", "quote": "«{}»",
        "single": "Этот хэтч составлен из {names}: {what}.",
        "what_one": "выделенный в нём фрагмент",
        "what_many": "выделенные в нём фрагменты ({n})",
        "what_none": "текст статьи",
        "story": "Эти страницы ({n}) рассказывают одну историю: {names}.",
        "theme": "У этих страниц ({n}) общая тема: {names}.",
        "unrelated": "Эти страницы ({n}) не связаны, поэтому каждая изложена отдельно: {names}.",
        "apart": "{names} стоит особняком.",
        "strongest_all": "Их объединяет {phrase}, это есть во всех.",
        "strongest_some": "Их объединяет {phrase}, это есть в {k} из {n}.",
        "recurring": "Повторяющаяся мысль: {phrase}.",
        "together": "В итоге {names} сходятся в {phrases}.",
        "together_all": "В итоге эти страницы ({n}) сходятся в {phrases}.",
        "together_single": "В итоге эти фрагменты снова и снова возвращаются к {phrases}.",
        "note": "Моя заметка: ",
    },
    "ja": {
        "and": "と", "more": "ほか{n}件", "quote": "「{}」",
        "single": "このハッチは{names}と{what}から作られています。",
        "what_one": "そこでハイライトした一節",
        "what_many": "そこでハイライトした{n}つの一節",
        "what_none": "その記事本文",
        "story": "この{n}つのページは同じ出来事を追っています：{names}。",
        "theme": "この{n}つのページには共通のテーマがあります：{names}。",
        "unrelated": "この{n}つのページは互いに関係がないため、それぞれ別にまとめています：{names}。",
        "apart": "{names}はほかと関係がありません。",
        "strongest_all": "すべてに{phrase}が出てきます。",
        "strongest_some": "{n}つのうち{k}つに{phrase}が出てきます。",
        "recurring": "繰り返し出てくる考えは{phrase}です。",
        "together": "まとめると、{names}は{phrases}で重なります。",
        "together_all": "まとめると、この{n}つのページは{phrases}で重なります。",
        "together_single": "まとめると、これらの一節は{phrases}に繰り返し戻ります。",
        "note": "メモ：",
    },
    "zh": {
        "and": "和", "more": "另外{n}个", "quote": "“{}”",
        "single": "本文摘自{names}以及{what}。",
        "what_one": "其中标注的一段",
        "what_many": "其中标注的{n}段",
        "what_none": "其文章正文",
        "story": "这{n}个页面讲的是同一件事：{names}。",
        "theme": "这{n}个页面有一个共同主题：{names}。",
        "unrelated": "这{n}个页面彼此无关，因此分别概括：{names}。",
        "apart": "{names}与其他页面无关。",
        "strongest_all": "它们都提到{phrase}。",
        "strongest_some": "{n}个页面中有{k}个提到{phrase}。",
        "recurring": "反复出现的观点是{phrase}。",
        "together": "总的来看，{names}在{phrases}上相交。",
        "together_all": "总的来看，这{n}个页面在{phrases}上相交。",
        "together_single": "总的来看，这些段落反复回到{phrases}。",
        "note": "我的笔记：",
    },
    "ko": {
        "and": "와 ", "more": "외 {n}개", "quote": "“{}”",
        "single": "이 해치는 {names}와 {what}에서 만들었습니다.",
        "what_one": "그 안에서 하이라이트한 구절",
        "what_many": "그 안에서 하이라이트한 구절 {n}개",
        "what_none": "그 기사 본문",
        "story": "이 {n}개의 페이지는 같은 사건을 다룹니다: {names}.",
        "theme": "이 {n}개의 페이지는 주제를 공유합니다: {names}.",
        "unrelated": "이 {n}개의 페이지는 서로 관련이 없어 각각 따로 요약합니다: {names}.",
        "apart": "{names}는 다른 페이지와 관련이 없습니다.",
        "strongest_all": "모두 {phrase}를 다룹니다.",
        "strongest_some": "{n}개 중 {k}개가 {phrase}를 다룹니다.",
        "recurring": "반복되는 생각은 {phrase}입니다.",
        "together": "종합하면 {names}는 {phrases}에서 만납니다.",
        "together_all": "종합하면 이 {n}개의 페이지는 {phrases}에서 만납니다.",
        "together_single": "종합하면 이 구절들은 계속 {phrases}로 돌아갑니다.",
        "note": "내 메모: ",
    },
}


def headings(lang: str) -> dict[str, str]:
    """The section names in `lang` (English for a language not listed)."""
    return dict(HEADINGS.get(lang, HEADINGS["en"]))


def phrase(lang: str, name: str, **values: object) -> str:
    """The framing sentence `name` in `lang`, its placeholders filled."""
    table = PHRASES.get(lang, PHRASES["en"])
    return table[name].format(**values)


def quoted(lang: str, text: str) -> str:
    """`text` in the language's quotation marks."""
    return PHRASES.get(lang, PHRASES["en"])["quote"].format(text)


def note_prefixes() -> tuple[str, ...]:
    """Every language's "My note: ", to know a woven-in note in any."""
    return tuple(p["note"] for p in PHRASES.values())
