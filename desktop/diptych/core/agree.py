"""Agreement between two reviews of the same pair, and the merged project an adjudicator settles.

The unit is a claim of review A's review article. B's decision for it is the one of the B claim that
overlaps it most (code points of the review article's text); splits, merges, ties and partial
overlaps are reported. When one of B's texts differs from A's (a corrected article), B's annotations
are first re-anchored onto A's text (:func:`diptych.core.anchor.reanchor`); what cannot be placed is
reported, never dropped.

Figures over the claims both reviewed ("common"): raw agreement, Cohen's κ over the decisions
(consistent / altered / unsupported / not a claim), κ per decision (one against the rest),
Krippendorff's α (nominal), the confusion matrix, and the
precision, recall and F1 of B's links against A's. Unreviewed claims are left out and counted.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import html
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diptych.core.errors import DiptychError
from diptych.core.project import (
    DECISIONS,
    SIDES,
    Adjudication,
    Article,
    ClaimSpan,
    Orphan,
    Project,
    ProjectLink,
    Review,
    ReviewSource,
    Side,
)

MIN_COMMON = 10  # fewer common reviewed claims than this: the figures are not meaningful
SAME_ARTICLE = 0.5  # share of word trigrams two versions of one article have in common, at least
SIDE_NAMES = {"left": "reference", "right": "review article"}
DECISION_NAMES = {"consistent": "consistent", "altered": "altered", "unsupported": "unsupported",
                  "not_a_claim": "not a claim"}


class AgreementError(DiptychError):
    """Two projects that cannot be compared (different pairs, the same review twice)."""


def decision(review: Review | None) -> str | None:
    """A reviewer's decision on a claim: a verdict, ``"not_a_claim"``, or None (not reviewed)."""
    if review is None:
        return None
    return "not_a_claim" if review.not_a_claim else review.verdict


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a review builds about a million objects: with the cyclic collector on, each batch sets
    off a collection that scans every object alive (the other review, a window's project) again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ----- pairing ------------------------------------------------------------------------------------
def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = re.findall(r"\w+", text.casefold())
    return set(zip(words, words[1:], words[2:], strict=False))


def same_article(a: str, b: str) -> float:
    """How much two texts share: word trigrams in common over the smaller text's trigrams (0..1)."""
    ta, tb = _trigrams(a), _trigrams(b)
    if not ta or not tb:
        return 1.0 if a.strip() == b.strip() else 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def overlaps(a_claims: list[ClaimSpan], b_claims: list[ClaimSpan]) -> list[tuple[int, int, int]]:
    """``(a_id, b_id, shared code points)`` for every pair of claims that overlap (both lists in text
    order, without overlaps inside a list): one pass over both."""
    out: list[tuple[int, int, int]] = []
    j = 0
    for a in a_claims:
        while j < len(b_claims) and b_claims[j].end <= a.start:
            j += 1
        k = j
        while k < len(b_claims) and b_claims[k].start < a.end:
            b = b_claims[k]
            shared = min(a.end, b.end) - max(a.start, b.start)
            if shared > 0:
                out.append((a.id, b.id, shared))
            k += 1
    return out


def _best(pairs: Iterable[tuple[int, int, int]], key: int) -> dict[int, list[tuple[int, int]]]:
    """For each claim on the ``key`` end (0: A, 1: B), the other end's claims, most overlap first."""
    out: dict[int, list[tuple[int, int]]] = {}
    for p in pairs:
        out.setdefault(p[key], []).append((p[1 - key], p[2]))
    for v in out.values():
        v.sort(key=lambda x: -x[1])
    return out


@dataclass(frozen=True)
class Unit:
    """One claim of A's review article and B's decision for it.

    ``overlap``: ``same`` (B has the same claim), ``partial`` (B's claim covers it in part: a split
    or a merge), ``tie`` (two B claims overlap it equally; the first is taken), ``none`` (no B claim
    there: it could not be placed)."""

    claim: int  # A's claim id
    b_claim: int | None
    a: str | None  # decisions
    b: str | None
    overlap: str
    others: tuple[int, ...] = ()  # other B claims that overlap it

    @property
    def common(self) -> bool:
        return self.a is not None and self.b is not None

    @property
    def disagree(self) -> bool:
        return self.common and self.a != self.b


# ----- figures ------------------------------------------------------------------------------------
def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's κ of two raters' labels; None when chance agreement is certain (one label only)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(pairs: list[tuple[str, str]]) -> float | None:
    """Krippendorff's α (nominal) of two raters' labels; None when it is undefined (one label only).

    Two raters who both labelled every unit: the coincidence matrix counts each unit's pair both
    ways, so with n = 2·units values, α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k (Krippendorff,
    *Computing Krippendorff's Alpha-Reliability*, 2011). Computed here rather than with the
    ``krippendorff`` package, which is GPL-3.0 and would bind the MIT bundle."""
    if len({x for p in pairs for x in p}) < 2:
        return None
    n = 2 * len(pairs)
    disagreeing = 2 * sum(1 for a, b in pairs if a != b)  # Σ_{c≠k} o_ck: each unit counted both ways
    totals = Counter(x for p in pairs for x in p)  # n_c
    expected = n * n - sum(v * v for v in totals.values())  # Σ_{c≠k} n_c·n_k
    if expected == 0:
        return None
    return 1.0 - (n - 1) * disagreeing / expected


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Agreement:
    """The figures of a comparison (what ``diptych agree`` prints)."""

    reviewers: dict[str, str]
    units: int
    reviewed: dict[str, int]
    left_out: dict[str, int]
    raw_agreement: float | None
    kappa: float | None
    kappa_per_verdict: dict[str, float | None]
    alpha: float | None
    confusion: dict[str, dict[str, int]]
    links: dict[str, Any]
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    reanchored: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def meaningful(self) -> bool:
        return self.reviewed["common"] >= MIN_COMMON

    @property
    def note(self) -> str:
        if self.meaningful:
            return ""
        return (f"only {self.reviewed['common']} claims were reviewed by both: with fewer than {MIN_COMMON} "
                "the figures are not meaningful")

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "reviewers": self.reviewers,
            "units": self.units,
            "reviewed": self.reviewed,
            "left_out": self.left_out,
            "meaningful": self.meaningful,
            "note": self.note,
            "raw_agreement": self.raw_agreement,
            "kappa": self.kappa,
            "kappa_per_verdict": self.kappa_per_verdict,
            "alpha": self.alpha,
            "confusion": self.confusion,
            "links": self.links,
            "overlaps": self.overlaps,
            "unplaced": self.unplaced,
            "reanchored": self.reanchored,
        }


@dataclass
class Comparison:
    """Two reviews paired claim by claim; ``b`` is B's project on A's texts (re-anchored if needed)."""

    a: Project
    b: Project
    units: list[Unit]
    right_of_b: dict[int, int]  # B review claim id -> the A claim it overlaps most
    left_of_b: dict[int, int]  # B reference claim id -> the A claim it overlaps most
    orphans: list[Orphan]  # B's annotations that could not be placed on A's texts
    agreement: Agreement

    def __post_init__(self) -> None:
        self.unit_of = {u.claim: u for u in self.units}
        self._links: dict[str, dict[int, list[ProjectLink]]] = {}

    def links_of(self, who: str, right_id: int) -> list[ProjectLink]:
        """Links of review ``who``'s (``"a"`` or ``"b"``) claim ``right_id``, in that review's ids."""
        if who not in self._links:
            index: dict[int, list[ProjectLink]] = {}
            for lk in (self.a if who == "a" else self.b).links:
                index.setdefault(lk.right, []).append(lk)
            self._links[who] = index
        return self._links[who].get(right_id, [])

    def disagreements(self) -> list[Unit]:
        return [u for u in self.units if u.disagree]

    def b_links(self, a_claim: int) -> list[ProjectLink]:
        """B's links of the B claim chosen for A's claim, on A's claim ids (reference order)."""
        u = self.unit_of[a_claim]
        if u.b_claim is None:
            return []
        out: dict[int, ProjectLink] = {}
        for lk in self.links_of("b", u.b_claim):
            left = self.left_of_b.get(lk.left)
            if left is not None and left not in out:
                out[left] = ProjectLink(left, a_claim, lk.score, lk.origin)
        if not hasattr(self, "_left_order"):
            self._left_order = _numbers(self.a, "left")
        return sorted(out.values(), key=lambda lk: self._left_order.get(lk.left, 0))

    def a_links(self, a_claim: int) -> list[ProjectLink]:
        return list(self.links_of("a", a_claim))

    def b_review(self, a_claim: int) -> Review | None:
        u = self.unit_of[a_claim]
        return None if u.b_claim is None else self.b.reviews.get(u.b_claim)


def _number(project: Project, side: Side, claim_id: int) -> int:
    return project.index_of(side, claim_id) + 1


def _numbers(project: Project, side: Side) -> dict[int, int]:
    return {c.id: k for k, c in enumerate(project.claims(side), start=1)}


def compare(a: Project, b: Project, names: tuple[str, str] = ("", "")) -> Comparison:
    """Pair review ``b`` with review ``a`` (same pair of articles) and compute the figures.

    ``names`` are the two files' names for the report. Raises :class:`AgreementError` when the two
    are reviews of different articles."""
    with _collector_paused():
        return _compare(a, b, names)


def _compare(a: Project, b: Project, names: tuple[str, str]) -> Comparison:
    on_a = b
    orphans: list[Orphan] = []
    reanchored: list[str] = []
    for side in SIDES:
        da, db = a.document(side), on_a.document(side)
        if da.sha256 == db.sha256:
            continue
        share = same_article(da.text, db.text)
        if share < SAME_ARTICLE:
            raise AgreementError(f"the two projects review different articles: their {SIDE_NAMES[side]}s "
                                 f"differ ({share:.0%} of the wording in common)")
        from diptych.core.anchor import reanchor

        on_a, made = reanchor(on_a, side, da, resuggest=False)
        orphans += made
        reanchored.append(side)

    right = overlaps(a.claims("right"), on_a.claims("right"))
    left = overlaps(a.claims("left"), on_a.claims("left"))
    by_a = _best(right, 0)
    right_of_b = {bid: cands[0][0] for bid, cands in _best(right, 1).items()}
    left_of_b = {bid: cands[0][0] for bid, cands in _best(left, 1).items()}
    b_spans = {c.id: c for c in on_a.claims("right")}

    units: list[Unit] = []
    for c in a.claims("right"):
        cands = by_a.get(c.id, [])
        if not cands:
            units.append(Unit(c.id, None, decision(a.reviews.get(c.id)), None, "none"))
            continue
        bid, shared = cands[0]
        bc = b_spans[bid]
        if len(cands) > 1 and cands[1][1] == shared:
            kind = "tie"
        elif (bc.start, bc.end) == (c.start, c.end):
            kind = "same"
        else:
            kind = "partial"
        units.append(Unit(c.id, bid, decision(a.reviews.get(c.id)), decision(on_a.reviews.get(bid)), kind,
                          tuple(x for x, _ in cands[1:])))

    agreement = figures(a, on_a, units, left_of_b, right_of_b, orphans)
    agreement.reanchored = reanchored
    agreement.files = {"a": names[0], "b": names[1]}
    agreement.reviewed["b"] = sum(1 for r in b.reviews.values() if r.reviewed)  # on B's own claims
    return Comparison(a, on_a, units, right_of_b, left_of_b, orphans, agreement)


def figures(a: Project, b: Project, units: list[Unit], left_of_b: dict[int, int], right_of_b: dict[int, int],
            orphans: list[Orphan]) -> Agreement:
    common = [(u.a, u.b) for u in units if u.a is not None and u.b is not None]
    n = len(common)
    confusion = {x: {y: 0 for y in DECISIONS} for x in DECISIONS}
    for x, y in common:
        confusion[x][y] += 1
    per: dict[str, float | None] = {}
    for d in DECISIONS:
        per[d] = cohen_kappa([(str(x == d), str(y == d)) for x, y in common]) if any(
            d in p for p in common) else None

    a_links = {(lk.left, lk.right) for lk in a.links}
    b_links: set[tuple[int, int]] = set()
    unplaced_links = sum(len(o.links) for o in orphans)
    for lk in b.links:
        left, right = left_of_b.get(lk.left), right_of_b.get(lk.right)
        if left is None or right is None:
            unplaced_links += 1
        else:
            b_links.add((left, right))
    both = len(a_links & b_links)
    precision, recall = _ratio(both, len(b_links)), _ratio(both, len(a_links))
    f1 = (2 * precision * recall / (precision + recall) if precision is not None and recall is not None
          and precision + recall > 0 else (0.0 if precision is not None and recall is not None else None))

    reviewed = {"a": sum(1 for u in units if u.a is not None), "b": 0, "common": n}
    left_out = {"a_only": sum(1 for u in units if u.a is not None and u.b is None),
                "b_only": sum(1 for u in units if u.a is None and u.b is not None),
                "neither": sum(1 for u in units if u.a is None and u.b is None),
                "no_b_claim": sum(1 for u in units if u.b_claim is None)}
    na, nb = _numbers(a, "right"), _numbers(b, "right")
    reported = [{"claim": na[u.claim], "overlap": u.overlap,
                 "b_claims": [nb[x] for x in ((u.b_claim,) if u.b_claim is not None else ())
                              + u.others]}
                for u in units if u.overlap != "same"]
    unplaced = [{"side": o.side, "quote": o.quote, "decision": decision(o.review), "links": len(o.links)}
                for o in orphans]
    return Agreement(
        reviewers={"a": a.reviewer, "b": b.reviewer}, units=len(units), reviewed=reviewed, left_out=left_out,
        raw_agreement=_ratio(sum(1 for x, y in common if x == y), n), kappa=cohen_kappa(common),
        kappa_per_verdict=per, alpha=krippendorff_alpha(common), confusion=confusion,
        links={"precision": precision, "recall": recall, "f1": f1, "a": len(a_links), "b": len(b_links),
               "common": both, "unplaced": unplaced_links},
        overlaps=reported, unplaced=unplaced)


# ----- reports ------------------------------------------------------------------------------------
def _f(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "undefined"
    return f"{x:.1%}" if pct else f"{x:.3f}"


def report_lines(ag: Agreement) -> list[tuple[str, str]]:
    """The figures as (label, value) rows: the same for text, HTML and the window."""
    ra, rb = ag.reviewers.get("a") or "A", ag.reviewers.get("b") or "B"
    rows = [("Reviewer A", f"{ra}" + (f" ({ag.files['a']})" if ag.files.get("a") else "")),
            ("Reviewer B", f"{rb}" + (f" ({ag.files['b']})" if ag.files.get("b") else "")),
            ("Claims of A's review article", str(ag.units)),
            ("Reviewed by A / by B / by both", f"{ag.reviewed['a']} / {ag.reviewed['b']} / {ag.reviewed['common']}"),
            ("Left out (A only / B only / neither)",
             f"{ag.left_out['a_only']} / {ag.left_out['b_only']} / {ag.left_out['neither']}"),
            ("Raw agreement", _f(ag.raw_agreement, True)),
            ("Cohen's κ", _f(ag.kappa)),
            *((f"κ {DECISION_NAMES[d]} (one against the rest)", _f(v)) for d, v in ag.kappa_per_verdict.items()),
            ("Krippendorff's α (nominal)", _f(ag.alpha)),
            ("Links: precision / recall / F1 of B against A",
             f"{_f(ag.links['precision'])} / {_f(ag.links['recall'])} / {_f(ag.links['f1'])}"),
            ("Links of A / of B / in both", f"{ag.links['a']} / {ag.links['b']} / {ag.links['common']}")]
    if ag.links["unplaced"]:
        rows.append(("B's links that could not be placed", str(ag.links["unplaced"])))
    if ag.reanchored:
        rows.append(("Re-anchored onto A's text", ", ".join(SIDE_NAMES[s] for s in ag.reanchored)))
    return rows


def _matrix(ag: Agreement) -> list[list[str]]:
    head = ["A \\ B", *(DECISION_NAMES[d] for d in DECISIONS)]
    return [head] + [[DECISION_NAMES[x], *(str(ag.confusion[x][y]) for y in DECISIONS)] for x in DECISIONS]


def _details(ag: Agreement) -> list[str]:
    out = []
    for o in ag.overlaps:
        bs = ", ".join(str(x) for x in o["b_claims"]) or "none"
        what = {"partial": "covered in part by B's claim(s)", "tie": "overlapped equally by B's claims",
                "none": "has no claim of B"}[o["overlap"]]
        out.append(f"claim {o['claim']} {what} {bs if o['b_claims'] else ''}".rstrip())
    for u in ag.unplaced:
        quote = " ".join(u["quote"].split())
        out.append(f"not placed on A's {SIDE_NAMES[u['side']]}: “{quote[:80]}{'…' if len(quote) > 80 else ''}”"
                   + (f" ({DECISION_NAMES[u['decision']]})" if u["decision"] else ""))
    return out


def to_text(ag: Agreement) -> str:
    rows = report_lines(ag)
    width = max(len(k) for k, _ in rows)
    lines = ["Agreement between two reviews", ""]
    if ag.note:
        lines += [f"NOT MEANINGFUL: {ag.note}", ""]
    lines += [f"{k:<{width}}  {v}" for k, v in rows]
    m = _matrix(ag)
    cw = max(len(c) for row in m for c in row)
    lines += ["", "Confusion matrix (rows: A, columns: B)"] + ["  ".join(f"{c:>{cw}}" for c in row) for row in m]
    details = _details(ag)
    if details:
        lines += ["", "Claims paired in part or not at all"] + [f"- {d}" for d in details]
    return "\n".join(lines) + "\n"


def to_html(ag: Agreement) -> str:
    e = html.escape
    rows = "\n".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in report_lines(ag))
    m = _matrix(ag)
    matrix = "<tr>" + "".join(f"<th>{e(c)}</th>" for c in m[0]) + "</tr>\n" + "\n".join(
        "<tr><th>" + e(r[0]) + "</th>" + "".join(f"<td>{e(c)}</td>" for c in r[1:]) + "</tr>" for r in m[1:])
    details = "".join(f"<li>{e(d)}</li>" for d in _details(ag))
    note = f'<p class="warn">Not meaningful: {e(ag.note)}</p>' if ag.note else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Agreement between two reviews</title>
<style>body {{ font: 15px/1.5 sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; }} th, td {{ border: 1px solid #ccc; padding: .25rem .5rem;
text-align: left; }} td {{ text-align: right; }} .warn {{ background: #fde2b8; padding: .4rem .6rem; }}</style>
</head><body>
<h1>Agreement between two reviews</h1>
{note}
<table>{rows}</table>
<h2>Confusion matrix (rows: A, columns: B)</h2>
<table>{matrix}</table>
{"<h2>Claims paired in part or not at all</h2><ul>" + details + "</ul>" if details else ""}
</body></html>
"""


# ----- the merged project -------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """What one claim of a merged project holds: the decision, the note, the links, who decided."""

    decision: str | None
    note: str
    links: tuple[ProjectLink, ...]
    adjudication: Adjudication | None


def choice_of(cmp: Comparison, claim_id: int, who: str) -> Choice:
    """Reviewer ``who``'s (``"A"`` or ``"B"``) decision, note and links for A's claim ``claim_id``."""
    u = cmp.unit_of[claim_id]
    adj = Adjudication(who, u.a, u.b)
    if who == "A":
        r = cmp.a.reviews.get(claim_id)
        return Choice(u.a, r.note if r else "", tuple(cmp.a_links(claim_id)), adj)
    if who == "B":
        if u.b_claim is None:
            raise AgreementError(f"reviewer B has no claim at claim {_number(cmp.a, 'right', claim_id)}")
        rb = cmp.b_review(claim_id)
        return Choice(u.b, rb.note if rb else "", tuple(cmp.b_links(claim_id)), adj)
    raise AgreementError(f"unknown reviewer '{who}'")


@dataclass
class Pairing:
    """What adjudication needs of a comparison, without the two projects: the units, the figures,
    and each reviewer's choice (decision, note, links on A's ids) per unit of A. Small enough to
    travel from the process that compared the reviews."""

    units: list[Unit]
    agreement: Agreement
    choices: dict[int, tuple[Choice, Choice | None]]  # A's claim id -> (A's, B's or None)

    def __post_init__(self) -> None:
        self.unit_of = {u.claim: u for u in self.units}
        self.n_disagreements = sum(1 for u in self.units if u.disagree)

    def choice(self, claim_id: int, who: str) -> Choice:
        if claim_id not in self.choices:
            raise AgreementError("this claim is not one of review A's claims")
        a, b = self.choices[claim_id]
        if who == "A":
            return a
        if who == "B" and b is not None:
            return b
        if who == "B":
            raise AgreementError("reviewer B has no claim here")
        raise AgreementError(f"unknown reviewer '{who}'")


def pairing(cmp: Comparison) -> Pairing:
    choices = {u.claim: (choice_of(cmp, u.claim, "A"), choice_of(cmp, u.claim, "B") if u.b_claim is not None
                         else None) for u in cmp.units}
    return Pairing(cmp.units, cmp.agreement, choices)


def current_choice(project: Project, claim_id: int) -> Choice:
    r = project.review(claim_id)
    return Choice(decision(r), r.note, tuple(project.links_of("right", claim_id)), r.adjudication)


def apply_choice(project: Project, claim_id: int, choice: Choice) -> None:
    """Give a claim of ``project`` this decision, note, links and record (one review event, and one
    links event when its links change)."""
    r = project.review(claim_id)
    want = tuple(sorted((replace(lk, right=claim_id) for lk in choice.links), key=lambda lk: lk.left))
    have = tuple(sorted(project.links_of("right", claim_id), key=lambda lk: lk.left))
    if want != have:
        project.set_links_of(claim_id, want)
    nac = choice.decision == "not_a_claim"
    verdict = None if nac else choice.decision
    if (r.verdict, r.not_a_claim, r.note, r.adjudication) != (verdict, nac, choice.note, choice.adjudication):
        project.set_decision(claim_id, verdict, nac, choice.note, choice.adjudication)


def _joined(a: str, b: str) -> str:
    if not b or a == b:
        return a
    return b if not a else f"{a}\n{b}"


def merged_project(cmp: Comparison, sources: tuple[ReviewSource, ReviewSource], adjudicator: str = "") -> Project:
    """A new project on A's texts and claims, with both reviews' decisions:

    where A and B agree, their decision (``both``); where only one reviewed, that one's (with its
    note and links); where they disagree, or neither reviewed, the claim waits for the adjudicator
    (no verdict yet). ``sources`` name the two reviews (reviewer, file sha256)."""
    a = cmp.a
    arts = {s: Article(a.articles[s].document, list(a.articles[s].claims), replace(a.articles[s].provenance))
            for s in SIDES}
    reviews = {cid: Review(r.suggestion) for cid, r in a.reviews.items()}
    take_b: list[int] = []
    for u in cmp.units:
        r = reviews[u.claim]
        ra, rb = a.reviews.get(u.claim), cmp.b_review(u.claim)
        note_a, note_b = (ra.note if ra else ""), (rb.note if rb else "")
        if u.common and u.a == u.b:
            who, chosen, r.note = "both", u.a, _joined(note_a, note_b)
        elif u.a is not None and u.b is None:
            who, chosen, r.note = "A", u.a, note_a
        elif u.b is not None and u.a is None:
            who, chosen, r.note = "B", u.b, note_b
            take_b.append(u.claim)
        else:
            who, chosen = None, None
        r.not_a_claim = chosen == "not_a_claim"
        r.verdict = None if r.not_a_claim else chosen
        r.adjudication = Adjudication(who, u.a, u.b)
    out = Project(arts["left"], arts["right"], a.links, reviews, a.options, adjudicator, "", "", a.generator,
                  list(a.orphans), sources)
    for cid in take_b:  # B's links come with B's decision
        apply_choice(out, cid, choice_of(cmp, cid, "B"))
    return out


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as e:
        raise AgreementError(f"cannot be read ({e.strerror or e})", path) from None
    return h.hexdigest()


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).absolute() == Path(b).absolute()


def load_reviews(path_a: str | os.PathLike[str],
                 path_b: str | os.PathLike[str]) -> tuple[Project, Project, tuple[ReviewSource, ReviewSource]]:
    """Read two review projects to compare; refuses the same file twice (or two identical files)."""
    from diptych.core.project_file import load_project

    if same_file(path_a, path_b):
        raise AgreementError(f"{Path(path_b).name} is given twice: compare two different reviews")
    with _collector_paused():
        a, b = load_project(path_a), load_project(path_b)
    sha_a, sha_b = file_sha256(path_a), file_sha256(path_b)
    if sha_a == sha_b:
        raise AgreementError(f"{Path(path_a).name} and {Path(path_b).name} are the same review (identical files)")
    return a, b, (ReviewSource("A", a.reviewer, sha_a, Path(path_a).name),
                  ReviewSource("B", b.reviewer, sha_b, Path(path_b).name))


def pending(project: Project) -> list[int]:
    """Claims of a merged project that still wait for the adjudicator (in text order)."""
    return [c.id for c in project.claims("right")
            if (adj := project.reviews[c.id].adjudication) is not None and adj.decided_by is None]


__all__ = ["MIN_COMMON", "Agreement", "AgreementError", "Choice", "Comparison", "Unit", "apply_choice",
           "choice_of", "cohen_kappa", "compare", "current_choice", "decision", "krippendorff_alpha",
           "load_reviews", "merged_project", "pairing", "Pairing", "pending", "same_article", "to_html", "to_text"]
