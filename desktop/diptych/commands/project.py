"""``diptych project create LEFT RIGHT -o FILE.diptych`` and ``diptych project show FILE.diptych``."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from diptych.commands import sources
from diptych.core.align import AlignOptions, align
from diptych.core.fetch import attach
from diptych.core.paths import refuse_overwrite
from diptych.core.project import Project
from diptych.core.project_file import PROJECT_SUFFIX, ProjectFileError, load_project, save_project
from diptych.core.readers import formats_help
from diptych.core.verdict import VERDICTS


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = sub.add_parser("create", help="ingest two articles, link their claims, suggest verdicts, save")
    c.add_argument("left", help=f"the reference article ({formats_help()}, or an http(s) address)")
    c.add_argument("right", help="the article under review (a file or an http(s) address)")
    c.add_argument("-o", "--output", required=True, metavar="FILE.diptych", help="the project file to write")
    c.add_argument("--one-per-line", action="store_true", help="every non-empty line is one claim")
    c.add_argument("--language", metavar="CODE", help="language code (default: detected from the text)")
    c.add_argument("--reviewer", metavar="NAME", default="", help="the reviewer's name")
    sources.add_no_model(c)
    sources.add_arguments(c, keep_html=True)
    c.add_argument("--max-size", type=float, metavar="MB", help="largest article to read (default 20 MB)")
    c.add_argument("--force", action="store_true", help="overwrite an existing project file")
    s = sub.add_parser("show", help="print a short summary of a project")
    s.add_argument("file", metavar="FILE.diptych")


def create(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix != PROJECT_SUFFIX:
        raise ProjectFileError(f"a project file name must end in {PROJECT_SUFFIX}", out)
    if out.exists() and not args.force:
        raise ProjectFileError("already exists (use --force to overwrite it)", out)
    if out.is_dir():
        raise ProjectFileError("is a folder", out)
    refuse_overwrite(out, [("the reference article", args.left), ("the review article", args.right)],
                     ProjectFileError)
    left, right, fetched = sources.read_pair(args)
    project = Project.from_alignment(align(left, right, AlignOptions(one_per_line=args.one_per_line,
                                                                      language=args.language,
                                                                      model=not args.no_model)))
    project.reviewer = args.reviewer
    attach(project, fetched)
    save_project(project, out)
    counts = project.counts()
    print(f"{out}: {len(project.claims('left'))} reference claims, {len(project.claims('right'))} review claims, "
          f"{counts['links']} links")
    return 0


_KEPT_FORMATS = {"\u200c", "\u200d"}  # joiners shape words in many scripts; not a display control


def one_line(text: object) -> str:
    """A field for a terminal line: control characters (ESC, line breaks, bidi overrides), lone
    surrogates and other invisible formatting characters are written as escapes (``\\x1b``,
    ``\\u202e``), so a file cannot move the cursor, recolour or reorder what is printed."""
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Zl", "Zp") or (cat == "Cf" and ch not in _KEPT_FORMATS) or ch == "\\":
            code = ord(ch)
            out.append("\\\\" if ch == "\\" else f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def summary(project: Project, name: str) -> list[str]:
    counts = project.counts()
    lines = [one_line(name)]
    for side, label in (("left", "reference"), ("right", "review")):
        art = project.articles[side]  # type: ignore[index]
        pv = art.provenance
        extra = ", ".join(one_line(x) for x in (pv.outlet, pv.url, pv.published) if x)
        lines.append(f"  {label + ':':10s} {one_line(art.document.name)} ({len(art.claims)} claims"
                     f"{', ' + extra if extra else ''})")
        page = art.snapshot
        if page is not None:
            lines.append(f"  {'':10s} fetched {page.retrieved} from {page.final_url} (HTTP {page.status}, "
                         f"page sha256 {page.sha256[:16]}…{', HTML kept' if page.html is not None else ''})")
    auto = sum(1 for lk in project.links if lk.origin == "auto")
    lines.append(f"  {'links:':10s} {len(project.links)} ({auto} auto, {len(project.links) - auto} manual)")
    confirmed = counts["verdicts"]
    suggested = {v: 0 for v in VERDICTS}
    for c in project.claims("right"):
        r = project.reviews[c.id]
        if not r.not_a_claim and not r.verdict:
            suggested[r.suggestion.verdict] = suggested.get(r.suggestion.verdict, 0) + 1
    lines.append(f"  {'verdicts:':10s} " + ", ".join(f"{v} {confirmed.get(v, 0)}" for v in VERDICTS)
                 + " (confirmed); " + ", ".join(f"{v} {suggested[v]}" for v in VERDICTS) + " (suggested only)")
    lines.append(f"  {'reviewed:':10s} {counts['reviewed']}/{counts['claims']}"
                 f" ({counts['not_a_claim']} marked not a claim)")
    lines.append(f"  {'omissions:':10s} {counts['omissions']} reference claims with no link")
    if project.orphans:
        lines.append(f"  {'orphans:':10s} {len(project.orphans)} annotations not found in a corrected text")
    who = f"reviewer {one_line(project.reviewer)}; " if project.reviewer else ""
    lines.append(f"  {'saved:':10s} {who}{one_line(project.modified or 'never')} by {one_line(project.generator)}")
    return lines


def show(args: argparse.Namespace) -> int:
    project = load_project(args.file)
    sys.stdout.write("\n".join(summary(project, str(args.file))) + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    return create(args) if args.action == "create" else show(args)
