"""Claims: one sentence each, exact offsets, tiling every non-blank character."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.segment import detect_language, segment
from diptych.core.text import normalise_text


def texts(text: str, **kw: object) -> list[str]:
    return [c.text(text) for c in segment(text, **kw)]  # type: ignore[arg-type]


def assert_tiles(text: str, claims: list) -> None:
    prev = 0
    for c in claims:
        assert prev <= c.start < c.end <= len(text)
        assert not text[prev:c.start].strip(), f"uncovered text {text[prev:c.start]!r}"
        assert text[c.start:c.end] == text[c.start:c.end].strip()
        prev = c.end
    assert not text[prev:].strip()


def test_sample_quotation_of_several_sentences_is_several_claims(reference_path) -> None:
    text = reference_path.read_text(encoding="utf-8")
    got = texts(text)
    assert "This could be a pivotal moment." in got
    assert any(t.startswith("“I can’t speak to specific plans") and t.endswith("where others hesitate.") for t in got)
    assert_tiles(text, segment(text))


def test_stray_opening_quote_is_kept_with_a_claim(review_path) -> None:
    text = review_path.read_text(encoding="utf-8")
    got = texts(text)
    assert "“But the world knows his nature,” she said." in got
    assert "Read more: After ceasefire, Trump Eyes Kashmir Deal" in got
    assert "pic.twitter.com/r5kpzaljrd" in got
    assert_tiles(text, segment(text))


def test_german_abbreviations_do_not_end_sentences() -> None:
    text = "Er kommt z. B. am 3. Mai mit Dr. Weber. Das ist gut.\nZweite Zeile"
    assert texts(text) == ["Er kommt z. B. am 3. Mai mit Dr. Weber.", "Das ist gut.", "Zweite Zeile"]


def test_text_without_capitals_is_split_at_each_full_stop_but_not_after_a_short_form() -> None:
    german = "der rat tagte am montag. er billigte den plan, z.b. die schulen. der bürgermeister fehlte."
    assert texts(german, language="de") == ["der rat tagte am montag.", "er billigte den plan, z.b. die schulen.",
                                            "der bürgermeister fehlte."]
    with_acronym = "die EU tagte am montag. sie billigte den plan."
    assert texts(with_acronym, language="de") == ["die EU tagte am montag.", "sie billigte den plan."]
    english = "shares fell, e.g. the bank lost money. dr. smith spoke. it was bad... then it got worse. sales rose."
    assert texts(english, language="en") == ["shares fell, e.g. the bank lost money.", "dr. smith spoke.",
                                             "it was bad... then it got worse.", "sales rose."]


def test_a_sentence_ending_in_may_is_not_joined_to_the_next() -> None:
    text = "Prices rose in May. Analysts expected more. Paid in May. 5 people came."
    assert texts(text, language="en") == ["Prices rose in May.", "Analysts expected more.",
                                          "Paid in May. 5 people came."]
    assert texts(text.lower(), language="en")[:2] == ["prices rose in may.", "analysts expected more."]


def test_a_german_sentence_before_a_figure_ends_there() -> None:
    text = "Vor allem Energie wurde teurer. 25 Prozent der Haushalte sparen. Es waren ca. 300 Menschen."
    assert texts(text, language="de") == ["Vor allem Energie wurde teurer.", "25 Prozent der Haushalte sparen.",
                                          "Es waren ca. 300 Menschen."]
    assert texts(text.lower(), language="de")[:2] == ["vor allem energie wurde teurer.",
                                                      "25 prozent der haushalte sparen."]
    # a day, a short form or a month's short form before the figure is no end
    for whole in ("Es geschah am 12. Sept. 2024 in Köln.", "Siehe Art. 5 des Gesetzes.",
                  "Der Preis stieg am 3. 25 Prozent mehr kamen."):
        assert texts(whole, language="de") == [whole]


def test_language_is_detected() -> None:
    assert detect_language("Die Stadt hat am Montag beschlossen, die Schulen zu schließen.") == "de"
    assert detect_language("The city decided on Monday to close the schools for a week.") == "en"


def test_one_per_line_makes_each_line_one_claim() -> None:
    text = "First. Second.\n\n  Third line  \nFourth"
    assert texts(text, one_per_line=True) == ["First. Second.", "Third line", "Fourth"]


def test_hard_wrapped_paragraph_is_segmented_as_prose() -> None:
    text = ("The council met on Monday evening and, after a long debate about the\n"
            "budget, voted to close two schools. The mayor objected.\n\nRead more: schools")
    assert texts(text) == [
        "The council met on Monday evening and, after a long debate about the\nbudget, voted to close two schools.",
        "The mayor objected.", "Read more: schools"]


ALPHABET = st.sampled_from(list(string.ascii_letters + "  .!?\n\r\t,;:“”\"'’«»") +
                           ["\ufeff", "\u200b", "\u200f", "😀", "👍🏽", "שלום", "مرحبا", "ß", "é", "…", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join), st.booleans())
def test_claims_tile_any_text_exactly(raw: str, one_per_line: bool) -> None:
    text = normalise_text(raw)
    claims = segment(text, language="en", one_per_line=one_per_line)
    assert_tiles(text, claims)
    if one_per_line:
        assert all("\n" not in c.text(text) for c in claims)
