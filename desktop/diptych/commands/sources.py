"""Reading the two articles of a command: files or web addresses (``http(s)://…``).

A page being fetched is shown on standard error only when it is a terminal."""

from __future__ import annotations

import argparse
import sys

from diptych.core.fetch import DEFAULT_TIMEOUT, Fetched, read_source
from diptych.core.project import Side
from diptych.core.text import Document


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("give a number of seconds between 0 and 3600")
    return value


def add_no_model(p: argparse.ArgumentParser) -> None:
    """``--no-model``, the same for every command that links pairs."""
    p.add_argument("--no-model", action="store_true",
                   help="never use the sentence encoder (a review in another language is then linked by shared words)")


def add_arguments(p: argparse.ArgumentParser, keep_html: bool = False) -> None:
    p.add_argument("--word-extras", action="store_true",
                   help="also read the headers, footers and footnotes of Word (.docx) files")
    p.add_argument("--timeout", type=_seconds, metavar="SECONDS", default=DEFAULT_TIMEOUT,
                   help=f"give up on a web page after this long (default {DEFAULT_TIMEOUT:g})")
    if keep_html:
        p.add_argument("--keep-html", action="store_true",
                       help="keep the fetched pages' HTML in the project (besides their sha256 and text)")


def _progress(stage: str, fraction: float) -> None:
    sys.stderr.write(f"\r{stage}… {int(fraction * 100):3d}%\x1b[K")
    sys.stderr.flush()


def read_pair(args: argparse.Namespace) -> tuple[Document, Document, dict[Side, Fetched | None]]:
    limit = int(args.max_size * 1024 * 1024) if args.max_size else None
    progress = _progress if sys.stderr.isatty() else None
    fetched: dict[Side, Fetched | None] = {}
    docs = []
    try:
        for side, source in (("left", args.left), ("right", args.right)):
            doc, f = read_source(source, limit, word_extras=args.word_extras, timeout=args.timeout,
                                 keep_html=getattr(args, "keep_html", False), progress=progress)
            docs.append(doc)
            fetched[side] = f  # type: ignore[index]
    finally:
        if progress is not None:
            sys.stderr.write("\r\x1b[K")
    return docs[0], docs[1], fetched
