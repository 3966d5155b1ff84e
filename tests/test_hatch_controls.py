"""A page whose text holds C1 control characters (cp1252 bytes read as
latin-1: "\\x97" where an em dash was meant) hatches as it was meant:
the dash, the apostrophe and the ellipsis, and no control character."""

from __future__ import annotations

import re

from hatchery.hatch import Source, SourceHighlight, hatch, summarize_documents

C1 = re.compile("[\u0080-\u009f]")

# Made-up sentences, as a mis-decoded page would hand them over.
MARKED = ("The night ferry to Castrevo left at dawn\x97two hours late\x97and the "
          "crew\x92s spare engine part never arrived.")
TEXT = (MARKED + " Passengers waited on the pier with blankets.\n\n"
        "The harbour office blamed a storm in the strait\x85 and a broken crane."
        "\x81 Repairs will take a week.")


def test_a_hatch_of_a_page_with_c1_characters_shows_the_characters_they_stand_for():
    page = Source(1, "https://harbour.example/ferry", "Ferry\x97late again", text=TEXT,
                  highlights=[SourceHighlight("h1", MARKED, note="Ask the crew\x92s union",
                                              context=MARKED)])
    other = Source(2, "https://strait.example/storm", "A storm in the strait",
                   text="A storm closed the strait for two days. The night ferry to Castrevo "
                        "was the first boat through.",
                   highlights=[SourceHighlight("h2", "The night ferry to Castrevo was the first "
                                                     "boat through.")])
    result = hatch([page, other], length="long")
    assert not C1.search(result.markdown)
    assert "dawn—two hours late—and the crew’s spare engine part" in result.markdown
    for citation in result.citations:
        assert not C1.search(citation.quote or "") and not C1.search(citation.title)


def test_a_summary_of_documents_with_c1_characters_shows_none_of_them():
    summary = summarize_documents([TEXT], 200)
    assert not C1.search(summary)
    assert "—two hours late—" in summary
