"""A second opinion on the suggestions of a pair in one language, from the packaged sentence encoder.

The rules name what changed; they cannot see a change no word list holds ("No one was hurt" →
"Several people were injured", a cause swapped, "weekly" → "fortnightly"), nor a passage the
linker missed. The encoder reads meaning, not words, and is asked two questions:

- **a consistent suggestion**: how close in meaning is the claim to its linked text? A restatement
  sits at 0.85 or more; a claim far from its passage is less surely consistent
  (:func:`diptych.core.verdict.confidence.with_similarity`).
- **an unsupported suggestion** (no link): how close is the claim to the closest reference
  sentence? A close one may be the passage the linker missed, so "unsupported" is less sure.

Only the confidence changes, never the verdict: a suggestion the encoder doubts falls below
:data:`~diptych.core.verdict.confidence.CHECK_THRESHOLD` and is shown as "check", with a note
that names the similarity (and, for an unlinked claim, the closest sentence). Measured on the
labelled claims in the README.

It is asked only when the encoder is allowed (not ``--no-model``) and installed, for a pair in one
language, and only when at most :data:`MAX_TEXTS` texts need embedding (about 2 ms each): a long
article or a batch of thousands of lines is judged by the rules alone, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from diptych.core.link import Link
from diptych.core.verdict import Reason, Suggestion
from diptych.core.verdict.confidence import (
    CHECK_THRESHOLD,
    OPINION_FROM,
    OPINION_FULL,
    UNLINKED_SIM_FROM,
    UNLINKED_SIM_FULL,
    with_similarity,
)

MAX_TEXTS = 600
"""At most this many distinct texts are embedded for the opinion (about 1.2 s); above it, none."""
QUOTE = 90  # characters of the closest reference sentence named in a note


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[:QUOTE - 1].rstrip() + "…"


def _asked(ltexts: Sequence[str], rtexts: Sequence[str], links: Sequence[Link],
           suggestions: Sequence[Suggestion]) -> tuple[list[tuple[int, str]], list[int]]:
    """(the consistent claims with their linked text, the unlinked claims); nothing when the pair
    has more than :data:`MAX_TEXTS` texts to embed."""
    partners: dict[int, list[int]] = {}
    for lk in links:
        partners.setdefault(lk.right, []).append(lk.left)
    pairs = [(j, " ".join(ltexts[i] for i in sorted(partners[j])))
             for j, s in enumerate(suggestions) if s.verdict == "consistent" and j in partners and rtexts[j].strip()]
    # a claim copied word for word needs no opinion (many, in a batch of rewrites of one article)
    pairs = [(j, t) for j, t in pairs if " ".join(rtexts[j].split()) != " ".join(t.split())]
    lone = [j for j, s in enumerate(suggestions)
            if s.verdict == "unsupported" and any(r.kind == "unlinked" for r in s.reasons) and rtexts[j].strip()]
    texts = {rtexts[j] for j, _ in pairs} | {t for _, t in pairs} | {rtexts[j] for j in lone}
    if lone:
        texts |= {t for t in ltexts if t.strip()}
    if len(texts) > MAX_TEXTS:
        return [], []
    return pairs, lone


def similarities(ltexts: Sequence[str], rtexts: Sequence[str], links: Sequence[Link],
                 suggestions: Sequence[Suggestion],
                 progress: Callable[[float], None] | None = None) -> dict[int, tuple[float, str]]:
    """For each claim the opinion reads, (its similarity, rounded to 0.01, the reference sentence
    it was read against): its linked text for a consistent claim, the closest reference sentence
    for an unlinked one ("" for the former)."""
    pairs, lone = _asked(ltexts, rtexts, links, suggestions)
    if not pairs and not lone:
        return {}
    from diptych.core import encoder

    refs = [t for t in ltexts if t.strip()] if lone else []
    texts = [*(rtexts[j] for j, _ in pairs), *(t for _, t in pairs), *refs, *(rtexts[j] for j in lone)]
    vectors = encoder.embed(texts, progress)
    n = len(pairs)
    out = {j: (round(float(vectors[k] @ vectors[n + k]), 2), "") for k, (j, _) in enumerate(pairs)}
    if lone:
        scores = vectors[2 * n + len(refs):] @ vectors[2 * n:2 * n + len(refs)].T
        for row, j in zip(scores, lone, strict=True):
            best = int(row.argmax())
            out[j] = (round(float(row[best]), 2), refs[best])
    return out


def second_opinion(ltexts: Sequence[str], rtexts: Sequence[str], links: Sequence[Link],
                   suggestions: Sequence[Suggestion],
                   progress: Callable[[float], None] | None = None) -> list[Suggestion]:
    """The suggestions with the encoder's doubt in their confidence (see the module's description).
    ``progress(fraction)`` is called between the encoder's batches (it may raise to cancel)."""
    out = list(suggestions)
    for j, (similarity, closest) in similarities(ltexts, rtexts, links, suggestions, progress).items():
        out[j] = _doubted(out[j], similarity, closest)
    return out


def _clear(verdict: str, similarity: float) -> bool:
    """The similarity is past the middle of the range over which it lowers the confidence."""
    if verdict == "consistent":
        return similarity <= (OPINION_FROM + OPINION_FULL) / 2
    return similarity >= (UNLINKED_SIM_FROM + UNLINKED_SIM_FULL) / 2


def _doubted(s: Suggestion, similarity: float, closest: str) -> Suggestion:
    if s.confidence is None:
        return s
    value = with_similarity(s.verdict, s.confidence, similarity)
    if value == s.confidence:
        return s
    reasons = s.reasons
    # the note says why a suggestion is to be checked: when the encoder sent it there, or when it
    # reads the claim as clearly far from its linked text (or clearly close to a reference sentence)
    decisive = value < CHECK_THRESHOLD <= s.confidence
    if decisive or (value < CHECK_THRESHOLD and _clear(s.verdict, similarity)):
        if s.verdict == "consistent":
            note = f"meaning further from the linked text than a restatement (similarity {similarity:.2f})"
        else:
            note = f"close in meaning to a reference sentence (similarity {similarity:.2f}): '{_short(closest)}'"
        reasons = (*reasons, Reason("similarity", note, major=False))
    return replace(s, reasons=reasons, confidence=value)
