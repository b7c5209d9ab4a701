"""``diptych align LEFT RIGHT``: the alignment JSON contract for batch work."""

from __future__ import annotations

import argparse
import json
import os
import sys

from diptych.commands import sources
from diptych.core.align import AlignOptions, align, to_contract
from diptych.core.ingest import InputError
from diptych.core.paths import refuse_overwrite
from diptych.core.readers import formats_help
from diptych.core.storage import atomic_write_text


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("left", help=f"the reference article ({formats_help()}, or an http(s) address)")
    p.add_argument("right", help="the article under review (a file or an http(s) address)")
    p.add_argument("--one-per-line", action="store_true", help="every non-empty line is one claim")
    p.add_argument("--language", metavar="CODE", help="language code (default: detected from the text)")
    sources.add_arguments(p)
    sources.add_no_model(p)
    p.add_argument("--max-size", type=float, metavar="MB", help="largest file to read (default 20 MB)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the JSON here instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")


def run(args: argparse.Namespace) -> int:
    to_file = bool(args.output) and args.output != "-"
    if to_file:
        refuse_overwrite(args.output, [("the reference article", args.left), ("the review article", args.right)],
                         InputError)
        if os.path.isfile(args.output) and not args.force:
            raise InputError("already exists (use --force to overwrite it)", args.output)
    left, right, _ = sources.read_pair(args)
    # the command line runs no other thread, so a long pair may use a second core
    result = align(left, right, AlignOptions(one_per_line=args.one_per_line, language=args.language,
                                             model=not args.no_model), fork=True)
    out = json.dumps(to_contract(result), ensure_ascii=False)
    if to_file:
        atomic_write_text(args.output, out + "\n")
    else:
        sys.stdout.write(out + "\n")
    return 0
