"""One pass of the data flow: documents -> claims -> links -> suggested verdicts.

Shared by ``diptych align``, ``diptych project create``, the window's worker and the benchmarks.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from diptych.core import meaning
from diptych.core.embeds import embed_claims, navigation_claims
from diptych.core.link import LINK_SCORING, Cancelled, Link, LinkCancelled, LinkOptions, link_claims
from diptych.core.not_claims import not_a_claim_kind
from diptych.core.parallel import Pending, alongside, background, every_other
from diptych.core.segment import detect_language, segment
from diptych.core.text import Claim, Document
from diptych.core.verdict import Reason, Suggestion, reference, suggest
from diptych.core.verdict.checks import warm_reference
from diptych.core.verdict.meaning import preload

ALIGNMENT_FORMAT = "diptych.alignment"
ALIGNMENT_VERSION = 1
EMBED_SUGGESTION = Suggestion("unsupported", (
    Reason("embed", "embedded social-media post: someone else's words, not a claim of the article"),), 0.95)
NAVIGATION_SUGGESTION = Suggestion("unsupported", (
    Reason("navigation", "navigation line (\"Read more: …\"): points to another article, not a claim"),), 0.95)

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class AlignOptions:
    one_per_line: bool = False
    language: str | None = None
    link: LinkOptions = field(default_factory=LinkOptions)
    # the sentence encoder may be used (a cross-lingual pair, the paraphrase second chance); not saved
    # in a project, so not compared either (a batch names it among its summary's options)
    model: bool = field(default=True, compare=False)


@dataclass(frozen=True)
class Alignment:
    left: Document
    right: Document
    left_claims: list[Claim]
    right_claims: list[Claim]
    links: list[Link]
    suggestions: list[Suggestion]  # one per right claim
    options: AlignOptions
    languages: tuple[str, str] | None = None  # detected (left, right), when they were needed
    crosslingual: bool = False  # the two articles are in different languages
    model_used: bool = False  # links came from the sentence encoder


def suggest_all(left: Document, right: Document, left_claims: list[Claim], right_claims: list[Claim],
                links: list[Link], fork: bool = False,
                judge: Callable[..., Suggestion] = suggest,
                progress: Callable[[int, int], None] | None = None) -> list[Suggestion]:
    """A suggestion for every right claim; with ``fork``, every other claim of a long article is
    judged on the other core (see :mod:`diptych.core.parallel`). ``progress(done, total)`` is called
    every few hundred claims (by the half judged here only: the caller hears that one).

    Repeated lines (the same claim linked to the same texts) are judged once: the distinct ones are
    found first, and it is they that are shared between the two halves."""
    partners: dict[int, list[Link]] = {}
    for lk in links:
        partners.setdefault(lk.right, []).append(lk)
    n = len(right_claims)
    first: dict[tuple[str, tuple[str, ...]], int] = {}  # a distinct claim -> its number among them
    jobs: list[tuple[tuple[str, tuple[str, ...]], float]] = []  # (claim and linked texts, best score)
    at: list[int] = []  # where each distinct claim first occurs among all claims
    which: list[int] = []  # for each claim, its distinct claim's number
    for j in range(n):
        ls = sorted(partners.get(j, []), key=lambda lk: lk.left)
        key = (right_claims[j].text(right.text), tuple(left_claims[lk.left].text(left.text) for lk in ls))
        u = first.get(key)
        if u is None:
            u = first[key] = len(jobs)
            jobs.append((key, max((lk.score for lk in ls), default=0.0)))
            at.append(j)
        which.append(u)

    def part(us: Sequence[int]) -> list[Suggestion]:
        out = []
        mark = 0  # the next claim count to report
        tell = progress if us and us[0] == 0 else None  # the half judged here, when forked
        for u in us:
            while tell is not None and mark <= at[u]:  # as far as this half has come, the other alike
                tell(mark, n)
                mark += PROGRESS_EVERY
            (text, lefts), score = jobs[u]
            out.append(judge(text, list(lefts), score, reference=left.text))
        while tell is not None and mark < n:  # the rest: judged by now, or repeats
            tell(mark, n)
            mark += PROGRESS_EVERY
        return out

    if fork:
        preload()  # the word frequency lists, read once and shared with the forked half
    # the halves take every other distinct claim: on the 4000-line speed input, split in the middle,
    # they took 0.21 s and 0.39 s
    judged = every_other(len(jobs), part, fork, min_items=FORK_VERDICTS)
    return [judged[u] for u in which]


# Where each stage's progress runs, as fractions of the whole (after reading, 0 to 0.02), in
# proportion to the time each takes on a long article: the verdicts take about half of it.
SENTENCES = (0.02, 0.12)
LINKING = (0.12, 0.4)
ACROSS = (0.4, 0.6)  # a cross-lingual pair: the sentence encoder links it
VERDICTS = (0.4, 1.0)
PROGRESS_EVERY = 200  # claims between two progress calls of the verdicts
FORK_VERDICTS = 500  # distinct claims from which the verdicts are shared with a second core
PREPARE_APART = 100_000  # code points of a reference from which its verdict data is read on a second core


def linking_stage(fraction: float, claims: int) -> str:
    """What the linker is doing at ``fraction`` of its work (see :func:`link_claims`' phases)."""
    if fraction < LINK_SCORING[0]:
        return "Linking: indexing words"
    if fraction < LINK_SCORING[1]:
        done = round(claims * (fraction - LINK_SCORING[0]) / (LINK_SCORING[1] - LINK_SCORING[0]))
        return f"Linking {done:,} of {claims:,} claims"
    return "Linking: checking links against their neighbours"


def align(left: Document, right: Document, options: AlignOptions | None = None,
          progress: Progress | None = None, cancelled: Cancelled | None = None, fork: bool = False,
          left_claims: list[Claim] | None = None) -> Alignment:
    """Segment both documents, link their claims and suggest a verdict for every review claim.

    ``progress(stage, fraction)`` is called now and then; ``cancelled()`` returning True stops the
    work with :class:`LinkCancelled`. ``fork`` lets a single-threaded caller (the command line, a
    linking job) use a second core for long articles. ``left_claims``, when given, are the
    reference's claims as :func:`segment` found them with these options (a batch segments its
    reference once).
    """
    opts = options or AlignOptions()
    # a long reference's words, numbers and counts for the verdicts are read on the second core
    # while this one splits and links (0.5 s of 4.4 on 10,000 x 10,000 lines)
    pending = background(lambda: reference.prepare(left.text), fork) \
        if fork and len(left.text) >= PREPARE_APART else None
    # a single-threaded caller's run makes few reference cycles, while each automatic full collection
    # walks every object so far (0.26 s of CPU in seven of them on 10,000 x 10,000 lines, and in a
    # forked child a copy of every page it touches): collection waits until the run is over
    collect = fork and gc.isenabled()
    if collect:
        gc.disable()
    try:
        return _align(left, right, opts, progress, cancelled, fork, left_claims, pending)
    finally:
        if pending is not None:
            pending.close()
        if collect:
            gc.enable()


def _align(left: Document, right: Document, opts: AlignOptions, progress: Progress | None,
           cancelled: Cancelled | None, fork: bool, left_claims: list[Claim] | None,
           pending: Pending[dict[str, Any]] | None) -> Alignment:
    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)
        if cancelled is not None and cancelled():
            raise LinkCancelled()

    report("Splitting sentences", SENTENCES[0])
    languages: tuple[str, str] | None = None
    if opts.language:
        languages = (opts.language, opts.language)
    elif not opts.one_per_line:  # the segmenter needs the languages anyway: detect them once here
        languages = (detect_language(left.text), detect_language(right.text))
    lo, hi = SENTENCES
    mid = lo + (hi - lo) * len(left.text) / max(1, len(left.text) + len(right.text))
    right_language = languages[1] if languages else None

    def split_reference() -> list[Claim]:
        return left_claims if left_claims is not None else \
            segment(left.text, languages[0] if languages else None, opts.one_per_line,
                    progress=lambda f: report("Splitting sentences (reference)", lo + (mid - lo) * f))

    if fork and left_claims is None and not opts.one_per_line and \
            min(len(left.text), len(right.text)) >= PREPARE_APART:
        # two long articles are split at once, the review's in a forked child (which reports
        # nothing: the caller hears this process only)
        lc, rc = alongside(split_reference, lambda: segment(right.text, right_language, opts.one_per_line), fork)
    else:
        lc = split_reference()
        rc = segment(right.text, right_language, opts.one_per_line,
                     progress=lambda f: report("Splitting sentences (review article)", mid + (hi - mid) * f))
    n = len(rc)
    report("Linking", LINKING[0])
    link_opts = opts.link if opts.link.language or not opts.language else LinkOptions(
        **{**opts.link.__dict__, "language": opts.language})
    # claims of embedded posts and navigation lines take no part in linking: an empty text shares nothing
    span = LINKING[1] - LINKING[0]
    l_nav = navigation_claims(left.text, lc)
    report("Linking: finding navigation lines and embedded posts", LINKING[0] + span * 0.005)
    r_nav = navigation_claims(right.text, rc)
    report("Linking: finding navigation lines and embedded posts", LINKING[0] + span * 0.01)
    l_embeds = embed_claims(left.text, lc) | l_nav
    report("Linking: finding navigation lines and embedded posts", LINKING[0] + span * 0.015)
    r_embeds = embed_claims(right.text, rc) | r_nav
    ltexts = [("" if i in l_embeds else c.text(left.text)) for i, c in enumerate(lc)]
    rtexts = [("" if j in r_embeds else c.text(right.text)) for j, c in enumerate(rc)]
    links = link_claims(ltexts, rtexts, link_opts, cancelled=cancelled, fork=fork,
                        progress=lambda f: report(linking_stage(f, n), LINKING[0] + span * (0.02 + 0.98 * f)))
    # a pair the words link poorly may be in two languages: then the encoder links it
    plan = meaning.after_lexical(meaning.plan(languages, opts.model), left.text, right.text, rtexts, links)
    verdicts = VERDICTS
    if plan.crosslingual and plan.use_model:
        a, b = ACROSS
        report("Linking across languages", a)  # the sentence encoder loads first (1.5-2 s)
        links = meaning.link_across(ltexts, rtexts, link_opts,
                                    lambda f: report("Linking across languages", a + (b - a) * f), cancelled)
        plan = replace(plan, model_used=True)
        verdicts = (b, 1.0)
    elif not plan.crosslingual and plan.use_model and meaning.SECOND_CHANCE:
        links, used = meaning.second_chance(ltexts, rtexts, links, link_opts, cancelled)
        plan = replace(plan, model_used=used)
    report("Suggesting verdicts", verdicts[0])
    if pending is not None:
        reference.adopt(left.text, pending.result())
    warm_reference(left.text, lambda f: report("Suggesting verdicts: reading the reference's words and numbers",
                                               verdicts[0] + 0.02 * (verdicts[1] - verdicts[0]) * f))
    judge = meaning.judge_across if plan.crosslingual else suggest

    def judged(done: int, total: int) -> None:
        report(f"Suggesting verdicts: {done:,} of {total:,} claims",
               verdicts[0] + (verdicts[1] - verdicts[0]) * (0.02 + 0.98 * done / max(1, total)))

    suggestions = suggest_all(left, right, lc, rc, links, fork, judge, judged)
    if plan.use_model and not plan.crosslingual:
        suggestions = meaning.second_opinion(ltexts, rtexts, links, suggestions,
                                             lambda f: report("Suggesting verdicts: a second opinion from the "
                                                              "sentence encoder", 1.0 - 0.02 * (1 - f)))
    suggestions = [NAVIGATION_SUGGESTION if j in r_nav else EMBED_SUGGESTION if j in r_embeds else s
                   for j, s in enumerate(suggestions)]
    report("Done", 1.0)
    return Alignment(left, right, lc, rc, links, suggestions, opts, plan.languages, plan.crosslingual,
                     plan.model_used)


def to_contract(a: Alignment) -> dict[str, Any]:
    """The stable ``diptych.alignment`` JSON contract (version 1)."""
    return {
        "format": ALIGNMENT_FORMAT,
        "version": ALIGNMENT_VERSION,
        "left": {"path": a.left.path, "sha256": a.left.sha256, "claims": [[c.start, c.end] for c in a.left_claims]},
        "right": {"path": a.right.path, "sha256": a.right.sha256,
                  "claims": [[c.start, c.end] for c in a.right_claims]},
        "links": [{"left": lk.left, "right": lk.right, "score": round(float(lk.score), 4)} for lk in a.links],
        "verdicts": [_verdict_entry(j, s, a.right_claims[j].text(a.right.text))
                     for j, s in enumerate(a.suggestions)],
    }


def _verdict_entry(j: int, s: Suggestion, text: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"right": j, "verdict": s.verdict, "reasons": [r.text for r in s.reasons],
                             "confidence": s.confidence}
    kind = not_a_claim_kind(s, text)
    if kind is not None:
        entry["kind"] = kind  # a navigation line, byline or post: not a claim of the article
    return entry
