"""``diptych agree A.diptych B.diptych [--format text|json|html] [-o OUT] [--merged OUT.diptych]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from diptych.core.agree import (
    AgreementError,
    compare,
    load_reviews,
    merged_project,
    same_file,
    to_html,
    to_text,
)
from diptych.core.project_file import PROJECT_SUFFIX, save_project
from diptych.core.storage import atomic_write_text


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = ("Agreement between two reviews of the same pair: raw agreement, Cohen's kappa (overall "
                     "and per verdict), Krippendorff's alpha, the confusion matrix and link precision/recall/F1 "
                     "of B against A. The unit is a claim of A's review article.")
    p.add_argument("a", metavar="A.diptych", help="the first review")
    p.add_argument("b", metavar="B.diptych", help="the second review of the same pair")
    p.add_argument("--format", choices=("text", "json", "html"), default="text", help="default: text")
    p.add_argument("-o", "--output", metavar="OUT", help="write the report here instead of standard output")
    p.add_argument("--merged", metavar="OUT.diptych",
                   help="also save a merged project: agreed and one-sided decisions taken, disagreements "
                        "left for the adjudicator")


def _refuse_sources(out: str, args: argparse.Namespace) -> None:
    for src in (args.a, args.b):
        if same_file(out, src):
            raise AgreementError(f"{Path(out).name}: would overwrite a review being compared")


def run(args: argparse.Namespace) -> int:
    for out in (args.output, args.merged):
        if out and out != "-":
            _refuse_sources(out, args)
            if Path(out).is_dir():
                raise AgreementError(f"{Path(out).name}: is a folder")
    if args.merged and not args.merged.endswith(PROJECT_SUFFIX):
        raise AgreementError(f"{Path(args.merged).name}: a project file name must end in {PROJECT_SUFFIX}")
    if args.merged and Path(args.merged).exists():
        raise AgreementError(f"{Path(args.merged).name}: already exists (the merged project is always a new file)")
    a, b, sources = load_reviews(args.a, args.b)
    cmp = compare(a, b, (sources[0].name, sources[1].name))
    ag = cmp.agreement
    if args.format == "json":
        text = json.dumps(ag.to_json(), ensure_ascii=False, indent=1) + "\n"
    elif args.format == "html":
        text = to_html(ag)
    else:
        text = to_text(ag)
    if args.merged:
        save_project(merged_project(cmp, sources), args.merged)
    if args.output and args.output != "-":
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
