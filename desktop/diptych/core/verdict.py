"""Suggested verdicts with their reasons, for each claim of the review article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

VERDICTS = ("consistent", "altered", "unsupported")


@dataclass(frozen=True)
class Reason:
    """Why a verdict was suggested; ``text`` names the words on both sides ("12,000 → 21,000")."""

    kind: str  # number, name, negation, hedge, intensity, quote, attribution, unlinked, minor...
    text: str
    major: bool = True
    left: str = ""
    right: str = ""


@dataclass(frozen=True)
class Suggestion:
    verdict: str
    reasons: tuple[Reason, ...] = ()


def suggest(right_text: str, left_texts: Sequence[str], score: float = 0.0) -> Suggestion:
    """Verdict for one review claim given the texts of its linked reference claims."""
    if not left_texts:
        return Suggestion("unsupported", (Reason("unlinked", "no matching passage in the reference"),))
    return Suggestion("consistent")
