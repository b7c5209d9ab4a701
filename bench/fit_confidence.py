"""Fitting the confidence: the evidence available for every suggestion, how well each piece ranks
right suggestions above wrong ones (AUC per labelled part), and the choice of the confidence's four
fitted constants in ``diptych.core.verdict.confidence``: ``UNEXPLAINED_COST`` (the cost of an
unexplained content word), ``LINK_FULL`` (the link score from which a link counts fully),
``UNLINKED_CONFIDENCE`` (how sure "unsupported" is when none of the claim is found elsewhere) and
``LENGTH_COST`` (the cost of a claim much shorter or longer than its linked text).

    .venv/bin/python bench/fit_confidence.py [--show]

The constants are chosen on the fitting parts only (tune, heldout, final and final2 to final10 of
``tests/data/verdict-claims.json``, the parts the checks were tuned on, and the sample pair), one at
a time over its grid, the others held: the value whose pooled AUC on those parts is the best; among
AUCs within 0.02 of the best (:data:`TIE`), the one with the lowest Brier score (the mean squared distance
between the confidence and 1 for a right suggestion, 0 for a wrong one), so that the confidence also
reads as a probability. These four are fitted on the rules' confidence alone (``model=False``).
Then the six constants of the encoder's second opinion (``OPINION_*``, ``UNLINKED_SIM_*``; see
:mod:`diptych.core.opinion`) are chosen together, every combination of their grids, on the same
parts: among combinations whose AUC is within 0.01 of the best (:data:`OPINION_TIE`), the lowest
Brier score, which keeps the claims sent to "check" few. final11 to final19, the newest parts, are
evaluation parts: reported, never used to choose. With ``--show``, the wrong suggestions of each
part are printed with their evidence.

The fitting parts hold few wrong suggestions (the rules are right on almost all of them), so a
model with many coefficients cannot be fitted on them; four constants with a small grid each is
what they can choose.
"""

from __future__ import annotations

import importlib
import itertools
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_verdicts import FIT, PARTS, _best, auc, labelled_pairs

from diptych.core import opinion
from diptych.core.align import Alignment, AlignOptions, align
from diptych.core.verdict import meaning as m
from diptych.core.verdict.checks import _Left, _words

cm = importlib.import_module("diptych.core.verdict.confidence")
GRID = (0.3, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.0)
LINK_GRID = (0.7, 0.8, 0.9, 1.0)
UNLINKED_GRID = (0.6, 0.7, 0.8, 0.9)
COST_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)
OPINION_GRIDS = {"OPINION_FROM": (0.4, 0.5, 0.6, 0.7), "OPINION_FULL": (0.8, 0.85, 0.9, 0.95),
                 "OPINION_KEEP": (0.2, 0.4, 0.6, 0.8, 1.0), "UNLINKED_SIM_FROM": (0.2, 0.3, 0.4, 0.5),
                 "UNLINKED_SIM_FULL": (0.6, 0.7, 0.8), "UNLINKED_SIM_COST": (0.0, 0.3, 0.5, 0.7)}
"""The second opinion's constants, chosen together (every combination) on the fitting parts, after the
four above; their AUC ties within :data:`OPINION_TIE` are decided by the Brier score."""
OPINION_TIE = 0.01
EVAL = ("final11", "final12", "final13", "final14", "final15", "final16", "final17", "final18", "final19")
TIE = 0.02
"""AUCs this close count as equal, the Brier score deciding between them: less than half the
standard error of an AUC on the fitting parts' 35 wrong suggestions (about 0.045, Hanley and
McNeil), so a step that ranks a handful of claims differently does not decide."""


def brier(rows: list[dict]) -> float:
    """Mean squared distance of the confidence from 1 (right suggestion) or 0 (wrong)."""
    return sum((r["confidence"] - (r["gold"] == r["verdict"])) ** 2 for r in rows) / max(1, len(rows))


def _evidence(right: str, lefts: list[str], reference: str, score: float, sg) -> dict:  # type: ignore[no-untyped-def]
    """The evidence of one suggestion, as available when it is made."""
    rw = [w for w, _, _ in _words(right) if m._content(w)]
    nums_r = {w for w, _, _ in _words(right) if w[:1].isdigit()}
    ev = {"score": score, "minor": sum(not r.major for r in sg.reasons),
          "major": sum(r.major for r in sg.reasons), "crosslingual": any(r.kind == "crosslingual" for r in sg.reasons)}
    if not lefts:
        return ev | {"cover": m.reference_cover(right, reference)}
    lw = [w for t in lefts for w, _, _ in _words(t) if m._content(w)]
    nums_l = {w for t in lefts for w, _, _ in _words(t) if w[:1].isdigit()}
    left, back = _Left(lefts), _Left([right])
    un_r = [w for w in rw if not m._counterpart(w, left)]
    un_l = [w for w in lw if not m._counterpart(w, back)]

    def weight(ws: list[str]) -> float:
        return sum(m._weight(m.rarity(w)) for w in ws)

    return ev | {
        "unexplained": un_r, "left over": un_l,
        "share found": 1 - weight(un_r) / weight(rw) if rw else 1.0,
        "share found back": 1 - weight(un_l) / weight(lw) if lw else 1.0,
        "rarity unexplained": -sum(m.rarity(w) for w in un_r),
        "length ratio": -abs(1 - len(right) / max(1, sum(len(t) for t in lefts))),
        "numbers one side": -len(nums_r ^ nums_l),
        "substitution": -float(bool(un_r) and bool(un_l)),
    }


def _rows(left, right, spans: list[tuple[int, int, str]]) -> list[dict]:  # type: ignore[no-untyped-def]
    a = align(left, right, AlignOptions(model=False))  # the rules' confidence: the opinion is fitted apart
    sims = _similarities(a)
    partners: dict[int, list] = {}  # type: ignore[type-arg]
    for lk in a.links:
        partners.setdefault(lk.right, []).append(lk)
    out = []
    for s, e, gold in spans:
        k = _best(a.right_claims, s, e)
        sg, ls = a.suggestions[k], partners.get(k, [])
        lefts = [a.left_claims[lk.left].text(left.text) for lk in ls]
        text = a.right_claims[k].text(right.text)
        out.append({"gold": gold, "verdict": sg.verdict, "confidence": sg.confidence, "text": text, "lefts": lefts,
                    "similarity": sims.get(k),
                    "reasons": [r.text for r in sg.reasons],
                    **_evidence(text, lefts, left.text, max((lk.score for lk in ls), default=0.0), sg)})
    return out


def _similarities(a: Alignment) -> dict[int, float]:
    """The encoder's similarity for each claim the second opinion reads (:func:`opinion.similarities`)."""
    lt = [c.text(a.left.text) for c in a.left_claims]
    rt = [c.text(a.right.text) for c in a.right_claims]
    return {j: sim for j, (sim, _closest) in opinion.similarities(lt, rt, a.links, a.suggestions).items()}


def _opinion(rows: list[dict]) -> list[dict]:
    """The rows with the second opinion's confidence (the module's constants as they are set now)."""
    return [r | {"confidence": cm.with_similarity(r["verdict"], r["confidence"], r["similarity"])}
            if r.get("similarity") is not None else r for r in rows]


def fit_opinion(parts: dict[str, list[dict]]) -> dict[str, float]:
    """The second opinion's constants, every combination of :data:`OPINION_GRIDS` tried on the fitting
    parts; printed with the evaluation parts' AUC."""
    names = list(OPINION_GRIDS)
    saved = {name: getattr(cm, name) for name in names}
    fit = [r for p in FIT for r in parts[p]]
    tried = []
    try:
        for values in itertools.product(*OPINION_GRIDS.values()):
            setting = dict(zip(names, values, strict=True))
            if setting["OPINION_FULL"] <= setting["OPINION_FROM"] or \
                    setting["UNLINKED_SIM_FULL"] <= setting["UNLINKED_SIM_FROM"]:
                continue
            for name, value in setting.items():
                setattr(cm, name, value)
            rows = _opinion(fit)
            tried.append((_auc(rows, lambda r: r["confidence"]), brier(rows), setting))
    finally:
        for name, value in saved.items():
            setattr(cm, name, value)
    top = max(a for a, _b, _s in tried)
    auc_, brier_, best = min((x for x in tried if x[0] >= top - OPINION_TIE), key=lambda x: x[1])
    print(f"\nThe second opinion's constants, {len(tried)} combinations: best fit AUC={top:.3f}; chosen "
          f"(lowest Brier within {OPINION_TIE}): fit AUC={auc_:.3f} Brier={brier_:.4f}")
    for name, value in best.items():
        setattr(cm, name, value)
    try:
        judged = {p: _opinion(rows) for p, rows in parts.items()}
        held = " ".join(f"{p}={_auc(judged[p], lambda r: r['confidence']):.3f}" for p in EVAL if judged[p])
        checks = sum(cm.needs_check(r["confidence"]) for rows in judged.values() for r in rows)
        print(f"  {held} check={checks}")
    finally:
        for name, value in saved.items():
            setattr(cm, name, value)
    print("chosen:", ", ".join(f"{k} = {v}" for k, v in best.items()), "; in the module:",
          ", ".join(f"{k} = {v}" for k, v in saved.items()))
    return best


def collect() -> dict[str, list[dict]]:
    parts: dict[str, list[dict]] = {p: [] for p in PARTS}
    for split, left, right, spans in labelled_pairs():
        parts.setdefault(split, []).extend(_rows(left, right, spans))
    return parts


def _auc(rows: list[dict], key: Callable[[dict], float]) -> float:
    return auc([(r["gold"], r["verdict"], key(r)) for r in rows])


def main() -> None:
    parts = collect()
    fit = [r for p in FIT for r in parts[p]]
    print("wrong suggestions per part:", {p: sum(r["gold"] != r["verdict"] for r in rows) for p, rows in parts.items()})
    if "--show" in sys.argv:
        for p, rows in parts.items():
            for r in rows:
                if r["gold"] != r["verdict"]:
                    print(f"✗ {p:7s} {r['gold'][:4]}→{r['verdict'][:4]} {r['confidence']:.2f} score={r['score']:.2f} "
                          f"{r['text'][:60]!r} unexplained={r.get('unexplained')} left over={r.get('left over')} "
                          f"{r['reasons']}")
    print("\nAUC of each piece of evidence for 'suggestion right', consistent suggestions only:")
    keys = ("confidence", "score", "share found", "share found back", "rarity unexplained", "length ratio",
            "numbers one side", "substitution")
    for key in keys:
        cells = []
        for name, rows in [*parts.items(), ("fit parts", fit)]:
            cons = [r for r in rows if r["verdict"] == "consistent" and key in r]
            cells.append(f"{name}={_auc(cons, lambda r, k=key: r[k]):.3f}")
        print(f"  {key:20s}", " ".join(cells))
    print("\nThe constants, one at a time on its grid (fit parts choose; the evaluation parts are shown):")
    grids = {"UNEXPLAINED_COST": GRID, "LINK_FULL": LINK_GRID, "UNLINKED_CONFIDENCE": UNLINKED_GRID,
             "LENGTH_COST": COST_GRID}
    saved = {name: getattr(cm, name) for name in grids}
    chosen = dict(saved)
    best_auc = 0.0
    try:
        for name, grid in grids.items():
            tried = []
            for value in grid:
                setattr(cm, name, value)
                judged = collect()
                rows = [r for p in FIT for r in judged[p]]
                fit_auc, fit_brier = _auc(rows, lambda r: r["confidence"]), brier(rows)
                held = " ".join(f"{p}={_auc(judged[p], lambda r: r['confidence']):.3f}" for p in EVAL if judged[p])
                checks = sum(cm.needs_check(r["confidence"]) for rows_ in judged.values() for r in rows_)
                print(f"  {name}={value:<5} fit AUC={fit_auc:.3f} Brier={fit_brier:.4f}  {held} check={checks}")
                tried.append((fit_auc, fit_brier, value))
            top = max(best_auc, *(a for a, _b, _v in tried))
            best_auc = top  # a tie is judged against the best AUC of any step so far: no slow slide
            best = min((x for x in tried if x[0] >= top - TIE), key=lambda x: x[1])
            chosen[name] = best[2]
            setattr(cm, name, best[2])  # the next constant is chosen with this one in place
    finally:
        for name, value in saved.items():
            setattr(cm, name, value)
    print("chosen:", ", ".join(f"{k} = {v}" for k, v in chosen.items()), "; in the module:",
          ", ".join(f"{k} = {v}" for k, v in saved.items()))
    fit_opinion(parts)
    rules = parts
    parts = {p: _opinion(rows) for p, rows in parts.items()}
    fit = [r for p in FIT for r in parts[p]]
    print("\nAUC of the confidence for 'suggestion right' next to the best link score alone (module's constants,"
          " with the second opinion):")
    allr = [r for rows in parts.values() for r in rows]
    rules = {**rules, "fit parts": [r for p in FIT for r in rules[p]],
             "all": [r for rows in rules.values() for r in rows]}
    for name, rows in [*((p, parts[p]) for p in (*FIT, *EVAL) if parts[p]), ("fit parts", fit), ("all", allr)]:
        conf, link = _auc(rows, lambda r: r["confidence"]), _auc(rows, lambda r: r["score"])
        print(f"  {name:10s} n={len(rows):3d} wrong={sum(r['gold'] != r['verdict'] for r in rows):2d} "
              f"confidence AUC={conf:.3f} (rules alone {_auc(rules[name], lambda r: r['confidence']):.3f}) "
              f"link score AUC={link:.3f} check={sum(cm.needs_check(r['confidence']) for r in rows)} "
              f"(rules alone {sum(cm.needs_check(r['confidence']) for r in rules[name])})")
    right = [r["confidence"] for r in fit if r["gold"] == r["verdict"]]
    print(f"median confidence on the fit parts, right: {statistics.median(right):.2f}")


if __name__ == "__main__":
    main()
