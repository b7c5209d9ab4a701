"""The ``.diptych`` schema: the format's constants, its one error, and the pydantic models a file is
validated with."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from diptych.core.errors import DiptychError
from diptych.core.project import (
    DECIDERS,
    DECISIONS,
    ORIGINS,
)
from diptych.core.text import sha256_text
from diptych.core.verdict import VERDICTS

PROJECT_FORMAT = "diptych.project"
SCHEMA_VERSION = 2
PROJECT_SUFFIX = ".diptych"
AUTOSAVE_SUFFIX = ".autosave"
DEFAULT_MAX_PROJECT_BYTES = 256 * 1024 * 1024
QUOTE_CONTEXT = 32  # code points of prefix and suffix stored with every quote
APP_NAME = "diptych"


class ProjectFileError(DiptychError):
    """A project file Diptych cannot read or write; ``str(err)`` is one line for the user."""


# ----- schema -------------------------------------------------------------------------------------
MAX_OFFSET = 2**31 - 1  # ids, offsets and spans: larger ones are in no text Diptych can hold
NonNeg = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Scalar = str | int | float | bool | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class QuoteModel(_Model):
    exact: str
    prefix: str = ""
    suffix: str = ""


class ClaimModel(_Model):
    id: NonNeg
    start: NonNeg
    end: NonNeg
    quote: QuoteModel


class ProvenanceModel(_Model):
    url: str = ""
    outlet: str = ""
    published: str = ""
    retrieved: str = ""


class SnapshotModel(_Model):
    url: str
    final_url: str
    retrieved: str
    status: int = Field(ge=100, le=599)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str
    html: str | None = None
    encoding: str | None = None


class ArticleModel(_Model):
    text: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str | None = None  # relative to the project file's folder (or absolute, or a URL)
    absolute_path: str | None = None  # where the file was when the project was saved
    format: str = "txt"
    encoding: str | None = None
    provenance: ProvenanceModel = ProvenanceModel()
    snapshot: SnapshotModel | None = None
    claims: list[ClaimModel]

    @model_validator(mode="after")
    def _check(self) -> ArticleModel:
        if sha256_text(self.text) != self.sha256:
            raise ValueError("the embedded text does not match its sha256 (the file was altered)")
        seen: set[int] = set()
        n = len(self.text)
        prev_end = 0
        for c in self.claims:
            if c.id in seen:
                raise ValueError(f"claim id {c.id} appears twice")
            seen.add(c.id)
            if not c.start <= c.end <= n:
                raise ValueError(f"claim {c.id} lies outside the text")
            if c.start < prev_end:
                raise ValueError(f"claim {c.id} overlaps the claim before it")
            prev_end = c.end
            if self.text[c.start:c.end] != c.quote.exact:
                raise ValueError(f"claim {c.id} does not match its quote")
        return self


class LinkModel(_Model):
    left: NonNeg
    right: NonNeg
    score: float = Field(ge=0.0, le=1.0, allow_inf_nan=False)
    origin: Literal[ORIGINS] = "auto"  # type: ignore[valid-type]


Pair = Annotated[list[NonNeg], Field(min_length=2, max_length=2)]
Triple = Annotated[list[NonNeg], Field(min_length=3, max_length=3)]


class ReasonModel(_Model):
    kind: str
    text: str
    major: bool = True
    left: str = ""
    right: str = ""
    right_spans: list[Pair] = []  # (start, end) in the review claim's text
    left_spans: list[Triple] = []  # (index among the linked reference claims, start, end)


class SuggestionModel(_Model):
    verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    reasons: list[ReasonModel] = []
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None  # optional: files before it lack it


class AdjudicationModel(_Model):
    decided_by: Literal[DECIDERS] | None = None  # type: ignore[valid-type]
    a: Literal[DECISIONS] | None = None  # type: ignore[valid-type]
    b: Literal[DECISIONS] | None = None  # type: ignore[valid-type]


class ReviewModel(_Model):
    claim: NonNeg
    suggestion: SuggestionModel
    verdict: Literal[VERDICTS] | None = None  # type: ignore[valid-type]
    not_a_claim: bool = False
    note: str = ""
    adjudication: AdjudicationModel | None = None


class SourceModel(_Model):
    role: Literal["A", "B"]
    reviewer: str = ""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    name: str = ""


class OrphanModel(_Model):
    side: Literal["left", "right"]
    claim_id: NonNeg
    quote: QuoteModel
    start: NonNeg = 0
    end: NonNeg = 0
    links: list[LinkModel] = []
    review: ReviewModel | None = None


class OptionsModel(_Model):
    one_per_line: bool = False
    language: str | None = None
    link: dict[str, Scalar] = {}


class ArticlesModel(_Model):
    left: ArticleModel
    right: ArticleModel


class ProjectModel(_Model):
    format: Literal["diptych.project"]
    schema_version: Literal[2]
    generator: str = ""
    created: str = ""
    modified: str = ""
    reviewer: str = ""
    options: OptionsModel = OptionsModel()
    articles: ArticlesModel
    links: list[LinkModel]
    reviews: list[ReviewModel]
    orphans: list[OrphanModel] = []
    sources: list[SourceModel] = Field(default=[], max_length=2)

    @model_validator(mode="after")
    def _check(self) -> ProjectModel:
        left_ids = {c.id for c in self.articles.left.claims}
        right_ids = {c.id for c in self.articles.right.claims}
        pairs: set[tuple[int, int]] = set()
        for lk in self.links:
            if lk.left not in left_ids or lk.right not in right_ids:
                raise ValueError(f"link {lk.left}-{lk.right} names a claim that does not exist")
            if (lk.left, lk.right) in pairs:
                raise ValueError(f"link {lk.left}-{lk.right} appears twice")
            pairs.add((lk.left, lk.right))
        reviewed: set[int] = set()
        for r in self.reviews:
            if r.claim not in right_ids:
                raise ValueError(f"review of claim {r.claim} names a claim that does not exist")
            if r.claim in reviewed:
                raise ValueError(f"claim {r.claim} is reviewed twice")
            reviewed.add(r.claim)
        taken = {"left": set(left_ids), "right": set(right_ids)}
        for o in self.orphans:
            if o.claim_id in taken[o.side]:
                raise ValueError(f"orphan {o.side} claim {o.claim_id} has the id of another claim")
            taken[o.side].add(o.claim_id)
            if o.start > o.end:
                raise ValueError(f"orphan {o.side} claim {o.claim_id} ends before it starts")
        sizes = {"left": len(self.articles.left.text), "right": len(self.articles.right.text)}
        for r in [*self.reviews, *(o.review for o in self.orphans if o.review is not None)]:
            for reason in r.suggestion.reasons:
                spans = [("right", a, b) for a, b in reason.right_spans]
                spans += [("left", a, b) for _k, a, b in reason.left_spans]
                for side, a, b in spans:
                    if not a <= b <= sizes[side]:
                        raise ValueError(f"a reason of claim {r.claim} marks a span ({a}, {b}) outside the text")
        return self


def _one_line(e: ValidationError) -> str:
    errs = e.errors(include_url=False)
    first = errs[0]
    where = ".".join(str(x) for x in first.get("loc", ()))
    msg = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    more = f" (and {len(errs) - 1} more problem{'s' if len(errs) > 2 else ''})" if len(errs) > 1 else ""
    return f"is not a valid Diptych project: {where + ': ' if where else ''}{msg}{more}"
