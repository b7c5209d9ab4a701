"""Reasons in two groups: what decides the verdict (major) and notes; a "named elsewhere in the
reference" note only for the very word."""

from __future__ import annotations

from diptych.core.verdict import suggest

REFERENCE = ("The ministers arrived in the capital on Sunday. India will host the next summit in the spring. "
             "The talks began in Delhi on Monday.")
LINKED = ["The talks began in Delhi on Monday."]


def notes(s):
    return [r.text for r in s.reasons if not r.major]


def test_a_name_found_word_for_word_elsewhere_is_a_note() -> None:
    s = suggest("The talks began in Delhi on Monday, India said.", LINKED, 0.8, reference=REFERENCE)
    assert "India: named elsewhere in the reference" in notes(s)
    decide, note = s.reason_groups()
    assert any("India" in r.text for r in note) and not any("India" in r.text for r in decide), \
        "the note does not decide the verdict"


def test_a_word_sharing_only_its_first_letters_is_not_named_elsewhere() -> None:
    s = suggest("The talks began in Delhi on Monday, the Ministry said.", LINKED, 0.8, reference=REFERENCE)
    assert not any("named elsewhere" in r.text for r in s.reasons), [r.text for r in s.reasons]
    # the same name, when the reference has it, gets the note
    s2 = suggest("The talks began in Delhi on Monday, the Ministry said.", LINKED, 0.8,
                 reference=REFERENCE + " The Ministry confirmed it.")
    assert "Ministry: named elsewhere in the reference" in notes(s2)
    assert s.verdict == s2.verdict
