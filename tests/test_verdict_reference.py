"""Per-reference values for the verdicts: computed once, or taken in from another process."""

from __future__ import annotations

from diptych.core.verdict import reference
from diptych.core.verdict.checks import _reference_numbers, _vocabulary


def test_a_value_is_computed_once_per_text_and_the_last_texts_are_kept() -> None:
    calls: list[str] = []

    @reference.once_per_reference
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    reference.clear()
    assert length("abc") == 3 and length("abc") == 3
    assert calls == ["abc"]
    for k in range(reference.KEEP):  # "abc" is used again in between, so it is kept
        length(f"text {k}")
        length("abc")
    assert calls.count("abc") == 1
    reference.clear()
    assert length("abc") == 3 and calls.count("abc") == 2


def test_values_prepared_elsewhere_are_used_as_they_are() -> None:
    text = "The council counted 12 votes on Tuesday. Three members were absent."
    reference.clear()
    prepared = reference.prepare(text)
    assert _vocabulary.__qualname__ in "".join(prepared)
    reference.clear()
    marked = frozenset({"council", "a-word-the-text-lacks"})
    values = {name: (marked if name.endswith("._vocabulary") else v) for name, v in prepared.items()}
    reference.adopt(text, values)
    assert _vocabulary(text) is marked  # taken in, not read again
    assert _reference_numbers(text) == frozenset({"12", "3"})
    reference.clear()
    assert "a-word-the-text-lacks" not in _vocabulary(text)


def test_number_words_of_a_long_text_are_found_where_a_word_by_word_search_finds_them() -> None:
    from diptych.core.verdict.checks import _NUMBER_WORD, _reference_counts

    texts = ["Drei Männer und FÜNF Frauen kamen; fünfzig blieben, drei2 nicht, twenty-one gingen.",
             "Die Straße hatte drei Häuser. Dreihundert Leute, ein Drittel davon.",  # "ß" folds to "ss"
             "İstanbul had three bridges and two ferries.",  # "İ" folds to two characters
             "Dreißig Gäste, DREISSIG Stühle und dreissig Teller in der Straße, große drei Tische.",
             "No number word here at all."]
    for text in texts:
        word_by_word = [m.span() for m in _NUMBER_WORD.finditer(text)]
        assert _NUMBER_WORD.spans(text) == word_by_word
        assert _NUMBER_WORD.spans(text, _vocabulary(text)) == word_by_word
    reference.clear()
    counts = _reference_counts("Drei Männer kamen. Fünf Frauen blieben, 12 gingen.")
    assert [(c[0], c[1], c[2]) for c in counts] == [(0, "3", "Drei"), (1, "12", "12"), (1, "5", "Fünf")]
