"""``diptych export FILE.diptych --format csv|jsonld|html|claimreview -o OUT``."""

from __future__ import annotations

import argparse
from pathlib import Path

from diptych.core.export import EXPORTERS, FORMATS, ExportError, export
from diptych.core.paths import refuse_overwrite
from diptych.core.project_file import load_project

_BY_SUFFIX = {suffix: e.name for e in EXPORTERS.values() for suffix in e.suffixes}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.diptych", help="the project to export")
    p.add_argument("--format", choices=FORMATS,
                   help=", ".join(e.help for e in EXPORTERS.values()) + "; default: from the output name")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = args.format or _BY_SUFFIX.get(out.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot tell the export format from '{out.name}'; give --format {', '.join(FORMATS)}")
    if out.is_dir():
        raise ExportError(f"{out.name}: is a folder")
    refuse_overwrite(out, [("the project file", args.file)], ExportError)
    project = load_project(args.file)  # fails before anything is written
    refuse_overwrite(out, [(f"the {what} article", project.document(side).path)  # type: ignore[arg-type]
                           for side, what in (("left", "reference"), ("right", "review"))], ExportError)
    export(project, out, fmt)
    return 0
