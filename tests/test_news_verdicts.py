"""Hand-written news rewrites and summaries, one alteration per claim: every suggestion is the one a
fact-checker gives (c consistent, a altered, u unsupported), in English and German."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.core.align import align
from diptych.core.ingest import read_document

NEWS = Path(__file__).parent / "data" / "news"
SAMPLES = Path(__file__).parent.parent / "resources" / "samples"

CASES = [
    # summary of the sample reference: a number changed, two countries' roles swapped, "might …
    # such as convening" made "will convene", an invented venue
    ("kashmir", SAMPLES / "reference-003.txt", NEWS / "kashmir-summary.txt", "ccacaauc"),
    # German rewrite: day changed and votes swapped, cost, "solle" made "werde", plan made done,
    # praise for criticism, negation added, an invented record
    ("bruecke", NEWS / "bruecke-reference.txt", NEWS / "bruecke-rewrite.txt", "aaaaaau"),
    # English rewrite: votes swapped, cost and certainty, a quote made certain, praise, a plan made
    # done, a date, approval for rejection, rise for fall, two invented sentences
    ("housing", NEWS / "housing-reference.txt", NEWS / "housing-rewrite.txt", "aaaaaaaauu"),
    # the same reference with three sentences slipped in between faithful ones
    ("insertions", NEWS / "housing-reference.txt", NEWS / "housing-insertions.txt", "cucuccucc"),
    # summary: a changed count, injuries where there were none, an invented cause and owner, a day
    ("fire", NEWS / "fire-reference.txt", NEWS / "fire-summary.txt", "caauua"),
    # an allegation dropped, more for fewer, a title dropped, a negation dropped, a hedge dropped
    ("arrest", NEWS / "arrest-reference.txt", NEWS / "arrest-rewrite.txt", "aaaaa"),
]


@pytest.mark.parametrize(("name", "reference", "review", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_claim_gets_the_fact_checkers_verdict(name: str, reference: Path, review: Path, expected: str) -> None:
    a = align(read_document(str(reference)), read_document(str(review)))
    got = "".join(s.verdict[0] for s in a.suggestions)
    assert got == expected, [(c.text(a.right.text)[:50], s.verdict, [r.text for r in s.reasons])
                             for c, s in zip(a.right_claims, a.suggestions, strict=True)]
