"""Lines that are not claims of the article: navigation lines, bylines and embedded posts.

The linker leaves them unlinked and their suggestion stays *unsupported* (the ``align`` contract
keeps it, with a ``"kind"`` on the verdict entry); the window suggests **Not a claim** for them
and leaves them out of the review's unsupported share until the reviewer gives them a verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from diptych.core.embeds import is_post_byline
from diptych.core.verdict import Suggestion

if TYPE_CHECKING:
    from diptych.core.project import Project

#: the reason kinds of a suggestion for a line that is not a claim, and the kind they name
REASON_KINDS = {"navigation": "navigation", "embed": "post"}
#: the kinds the ``align`` contract names on a verdict entry
KINDS = ("navigation", "byline", "post")


def not_a_claim_kind(suggestion: Suggestion, text: str = "") -> str | None:
    """``"navigation"``, ``"byline"`` or ``"post"`` when ``suggestion`` says the claim (whose text
    is ``text``) is not a claim of the article, else None."""
    for r in suggestion.reasons:
        kind = REASON_KINDS.get(r.kind)
        if kind is not None:
            return "byline" if kind == "post" and is_post_byline(text) else kind
    return None


def suggested_not_claims(project: Project) -> set[int]:
    """Review claim ids suggested *not a claim* that the reviewer has neither marked nor judged."""
    out = set()
    for c in project.claims("right"):
        r = project.reviews[c.id]
        if not r.not_a_claim and r.verdict is None and not_a_claim_kind(r.suggestion) is not None:
            out.add(c.id)
    return out


def status_counts(project: Project) -> dict[str, Any]:
    """:meth:`Project.counts` as the status bar shows them: a line suggested *not a claim* (and
    not judged by the reviewer) counts as not a claim, so it is left out of the claims, of the
    suggested verdicts and of the review's unsupported share."""
    c = project.counts()
    skip = suggested_not_claims(project)
    if not skip:
        return {**c, "suggested_not_claims": 0}
    counted = [x.id for x in project.claims("right") if not project.reviews[x.id].not_a_claim and x.id not in skip]
    unsupported = sum(1 for cid in counted if project.effective_verdict(cid) == "unsupported")
    return {**c, "claims": len(counted), "not_a_claim": c["not_a_claim"] + len(skip),
            "suggested_not_claims": len(skip),
            "review_unsupported": unsupported / len(counted) if counted else 0.0}
