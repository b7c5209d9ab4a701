"""How sure a suggested verdict is: a number in [0, 1] from its evidence, and the one threshold
below which the window, the exports and any batch summary ask the reviewer to check it.

The evidence, for a claim linked to reference text:

- **link score** ``s`` (the best link, 0.5 to 1): a weak link may be the wrong passage, so every
  verdict on it is less sure: ``link = clamp((s - LINK_FLOOR) / (LINK_FULL - LINK_FLOOR))``.
- **altered**: each major reason counts with the weight of its kind (:data:`REASON_WEIGHT`: a
  changed number 0.9, a reversed stance 0.85, an added hedge 0.65, added words 0.6 …); several
  reasons combine as independent evidence, ``1 - Π(1 - w)``. Confidence is
  ``0.35 + 0.65 · evidence · (0.5 + 0.5 · link)``.
- **consistent**: the link, lowered by every content word of the claim that has no counterpart in
  the linked text, weighted by its rarity (0 for a common word, 1 for a rare one, via
  ``wordfreq``), by how far the claim's length is from the linked text's (``length gap``, ``|1 -
  claim / linked|``, at most 1: a claim that drops half its sentence, or adds as much, is less
  sure), and by each minor reason (a check that nearly fired): confidence is ``link ·
  exp(-UNEXPLAINED_COST · Σ rarity - LENGTH_COST · length gap) · MINOR_COST ** minor reasons``.
- **unsupported**: no link at all. The more of the claim's content (weighted by rarity) is found
  somewhere in the reference, the likelier the linker missed its passage:
  ``UNLINKED_CONFIDENCE - UNLINKED_COVER_COST · cover``.

- **the encoder's second opinion** (:mod:`diptych.core.opinion`, a pair in one language, when the
  encoder is allowed): a consistent suggestion is lowered as the claim's similarity in meaning to
  its linked text falls from ``OPINION_FULL`` to ``OPINION_FROM``, down to ``OPINION_KEEP`` of its
  confidence; an unsupported one as the claim's similarity to the closest reference sentence rises
  from ``UNLINKED_SIM_FROM`` to ``UNLINKED_SIM_FULL``, by up to ``UNLINKED_SIM_COST``
  (:func:`with_similarity`).

A claim copied word for word is consistent with confidence 1. ``UNEXPLAINED_COST``, ``LINK_FULL``,
``UNLINKED_CONFIDENCE``, ``LENGTH_COST`` and the second opinion's constants are chosen by
``bench/fit_confidence.py`` on the fitting parts of the labelled claims (best AUC, ties broken by the
Brier score; the newest parts, final11 to final19, are never used to choose); the other weights
are set by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

CHECK_THRESHOLD = 0.5
"""A suggestion whose confidence is below this is shown as "check": Enter does not accept it."""

REASON_WEIGHT = {
    "number": 0.9, "date": 0.9, "tally": 0.9, "placing": 0.85, "stance": 0.85, "predicate": 0.85,
    "negation": 0.8, "quantifier": 0.8, "swap": 0.8, "focus": 0.7, "roles": 0.7, "name": 0.75, "replaced": 0.75,
    "title": 0.75, "quote": 0.7, "hedge": 0.65, "intensity": 0.65, "added": 0.6, "spelling": 0.5,
    "unit": 0.85, "condition": 0.65, "cause": 0.7, "scope": 0.6,
}
UNEXPLAINED_COST = 0.3
"""Chosen by ``bench/fit_confidence.py`` on the fitting parts of the labelled claims (not final11 to final19)."""
MINOR_COST = 0.9
LINK_FLOOR = 0.3
LINK_FULL = 0.8
"""The link score from which a link counts fully; chosen by ``bench/fit_confidence.py`` with the cost."""
UNLINKED_CONFIDENCE = 0.9
"""How sure "unsupported" is when none of the claim is found elsewhere; chosen with the cost."""
UNLINKED_COVER_COST = 0.4
LENGTH_COST = 0.25
"""The cost of a claim much shorter or longer than its linked text (``|1 - claim / linked|``,
at most 1). Chosen by ``bench/fit_confidence.py``."""


OPINION_FROM = 0.4
"""A consistent claim this far in meaning from its linked text (cosine similarity) or further keeps
only ``OPINION_KEEP`` of its confidence; chosen by ``bench/fit_confidence.py``."""
OPINION_FULL = 0.9
"""From this similarity on, the encoder raises no doubt."""
OPINION_KEEP = 0.4
UNLINKED_SIM_FROM = 0.3
"""An unlinked claim closer than this to every reference sentence keeps its confidence ..."""
UNLINKED_SIM_FULL = 0.8
"""... and from this similarity on loses ``UNLINKED_SIM_COST`` of it: its passage may be there."""
UNLINKED_SIM_COST = 0.7


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def confidence(verdict: str, reasons: Sequence[Any], score: float, unexplained: Sequence[float] = (),
               covered: float = 0.0, length_gap: float = 0.0) -> float:
    """The confidence of a suggestion (see the module's description)."""
    if verdict == "unsupported":
        return round(UNLINKED_CONFIDENCE - UNLINKED_COVER_COST * covered, 3)
    link = _clamp((score - LINK_FLOOR) / (LINK_FULL - LINK_FLOOR))
    if verdict == "altered":
        doubt = 1.0
        for r in reasons:
            if r.major:
                doubt *= 1.0 - REASON_WEIGHT.get(r.kind, 0.6)
        return round(0.35 + 0.65 * (1.0 - doubt) * (0.5 + 0.5 * link), 3)
    minor = sum(1 for r in reasons if not r.major)
    return round(_clamp(link * math.exp(-UNEXPLAINED_COST * sum(unexplained) - LENGTH_COST * length_gap)
                        * MINOR_COST ** minor), 3)


def with_similarity(verdict: str, value: float, similarity: float) -> float:
    """The confidence ``value`` of a suggestion once the encoder has read the claim's similarity in
    meaning: to its linked text (consistent) or to the closest reference sentence (unsupported, no
    link). Other verdicts keep their confidence."""
    if verdict == "consistent":
        near = _clamp((similarity - OPINION_FROM) / (OPINION_FULL - OPINION_FROM))
        return round(value * (OPINION_KEEP + (1.0 - OPINION_KEEP) * near), 3)
    if verdict == "unsupported":
        near = _clamp((similarity - UNLINKED_SIM_FROM) / (UNLINKED_SIM_FULL - UNLINKED_SIM_FROM))
        return round(_clamp(value - UNLINKED_SIM_COST * near), 3)
    return value


def needs_check(verdict: Any) -> bool:
    """True when a suggestion is too unsure to accept without a look. ``verdict`` is a
    :class:`Suggestion`, a verdict entry of the ``align`` JSON (a mapping with ``"confidence"``) or
    a confidence; an unknown confidence (a file that did not store one) is not flagged."""
    if isinstance(verdict, Mapping):
        value = verdict.get("confidence")
    elif isinstance(verdict, int | float):
        value = verdict
    else:
        value = getattr(verdict, "confidence", None)
    return value is not None and float(value) < CHECK_THRESHOLD
