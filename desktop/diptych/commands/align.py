"""``diptych align LEFT RIGHT``: the alignment JSON contract for batch work."""

from __future__ import annotations

import argparse
import json
import sys

from diptych.core.align import AlignOptions, align, to_contract
from diptych.core.ingest import read_document
from diptych.core.storage import atomic_write_text


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("left", help="the reference article (txt, md, html, docx, pdf)")
    p.add_argument("right", help="the article under review")
    p.add_argument("--one-per-line", action="store_true", help="every non-empty line is one claim")
    p.add_argument("--language", metavar="CODE", help="language code (default: detected from the text)")
    p.add_argument("--no-model", action="store_true",
                   help="never use the sentence encoder (a review in another language is then linked by shared words)")
    p.add_argument("--max-size", type=float, metavar="MB", help="largest file to read (default 20 MB)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the JSON here instead of standard output")


def run(args: argparse.Namespace) -> int:
    limit = int(args.max_size * 1024 * 1024) if args.max_size else None
    left = read_document(args.left, limit)
    right = read_document(args.right, limit)
    # the command line runs no other thread, so a long pair may use a second core
    result = align(left, right, AlignOptions(one_per_line=args.one_per_line, language=args.language,
                                             model=not args.no_model), fork=True)
    out = json.dumps(to_contract(result), ensure_ascii=False)
    if args.output and args.output != "-":
        atomic_write_text(args.output, out + "\n")
    else:
        sys.stdout.write(out + "\n")
    return 0
