"""Long batch work on two cores gives exactly what one core gives."""

from __future__ import annotations

import os

from diptych.core.link import link_claims
from diptych.core.parallel import in_halves


def test_halves_join_in_order_and_a_failed_child_is_redone_here() -> None:
    def squares(lo: int, hi: int) -> list[int]:
        return [k * k for k in range(lo, hi)]

    assert in_halves(5001, squares, fork=True) == squares(0, 5001)
    parent = os.getpid()

    def fails_in_child(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return squares(lo, hi)

    assert in_halves(5001, fails_in_child, fork=True) == squares(0, 5001)


def test_long_articles_link_the_same_on_two_cores() -> None:
    words = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]
    left = [" ".join(words[(k * 7 + m * 13) % len(words)] for m in range(9)) + "." for k in range(2400)]
    right = [" ".join(reversed(s.rstrip(".").split()[1:])) + "." for s in left[::-1]]
    one = link_claims(left, right)
    assert len(one) > 1000
    assert link_claims(left, right, fork=True) == one


def test_candidate_sums_in_python_and_in_numpy_agree(monkeypatch) -> None:
    from diptych.core import link

    words = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]
    left = [" ".join(words[(k * 11 + m * 17) % len(words)] for m in range(8)) + "." for k in range(2200)]
    right = [" ".join(s.rstrip(".").split()[::-1][:6]) + "." for s in left[::2]]
    in_python = link_claims(left, right)
    monkeypatch.setattr(link, "_PY_POSTINGS", 0)  # every input is "long": numpy sums
    assert link_claims(left, right) == in_python
    assert link_claims(left, right, fork=True) == in_python
