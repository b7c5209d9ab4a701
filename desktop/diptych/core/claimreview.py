"""schema.org ``ClaimReview`` JSON-LD: how fact-checks are published for search engines and
fact-check aggregators.

One ``ClaimReview`` per review claim with a confirmed verdict (claims marked "not a claim" and
suggestions not yet confirmed are left out). The verdict is the rating's ``alternateName`` on a
three-step scale (:data:`RATING_SCALE`); the linked reference passages are cited as the evidence.
The document's ``@context`` is ``https://schema.org``; :func:`offline_loader` gives pyld a bundled
subset of that context with every term used here, so the export expands without the network.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from diptych.core.export import article_source
from diptych.core.project import Project

SCHEMA_CONTEXT = "https://schema.org"
CONTEXT_FILE = Path(__file__).resolve().parent.parent / "data" / "schemaorg-context.jsonld"
#: ratingValue of each verdict: 3 the reference says the same, 2 the reference does not say it,
#: 1 the reference says something else.
RATING_SCALE = {"consistent": 3, "unsupported": 2, "altered": 1}
BEST_RATING, WORST_RATING = 3, 1


def _date(stamp: str) -> str:
    if len(stamp) >= 10 and stamp[4] == "-" and stamp[7] == "-":
        return stamp[:10]
    return datetime.now(UTC).date().isoformat()


def to_claimreview(project: Project) -> dict[str, Any]:
    """A JSON-LD document whose ``@graph`` holds one ClaimReview per reviewed review claim."""
    right, left = project.articles["right"], project.articles["left"]
    ns = uuid.uuid5(uuid.NAMESPACE_URL, "diptych-claimreview:" + right.document.sha256 + left.document.sha256)
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article_source(project, "right"),
                                  "name": right.document.name}
    if right.provenance.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": right.provenance.outlet}
    if right.provenance.published:
        appearance["datePublished"] = right.provenance.published
    reference_url = article_source(project, "left")
    published = _date(project.modified)
    graph: list[dict[str, Any]] = []
    for c in project.claims("right"):
        r = project.review(c.id)
        if r.not_a_claim or r.verdict is None:
            continue
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "@id": f"urn:uuid:{uuid.uuid5(ns, f'right:{c.id}')}",
            "claimReviewed": project.claim_text("right", c.id),
            "itemReviewed": {"@type": "Claim", "appearance": dict(appearance)},
            "reviewRating": {"@type": "Rating", "ratingValue": RATING_SCALE[r.verdict], "bestRating": BEST_RATING,
                             "worstRating": WORST_RATING, "alternateName": r.verdict},
            "datePublished": published,
            "citation": [{"@type": "CreativeWork", "url": reference_url, "text": project.claim_text("left", lid)}
                         for lid in sorted(project.partners("right", c.id),
                                           key=lambda i: project.index_of("left", i))],
        }
        if project.reviewer:
            review["author"] = {"@type": "Person", "name": project.reviewer}
        if r.note:
            review["reviewBody"] = r.note
        graph.append(review)
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


@cache
def bundled_context() -> dict[str, Any]:
    """The bundled subset of the schema.org context (the terms of :func:`to_claimreview`)."""
    return dict(json.loads(CONTEXT_FILE.read_text(encoding="utf-8")))


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that answers the schema.org context from the bundled file."""
    if url.rstrip("/").split("://", 1)[-1] != "schema.org":
        raise ValueError(f"only the schema.org context is available offline, not {url}")
    return {"contextUrl": None, "documentUrl": url, "document": bundled_context()}
