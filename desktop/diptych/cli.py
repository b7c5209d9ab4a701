"""The command line: ``diptych SUBCOMMAND ...`` or ``diptych [FILES] [window options]``.

If the first argument names a subcommand, that subcommand runs; otherwise the window opens with any
arguments as files (a file literally named like a subcommand is given as ``./align``). Subcommands
live in ``diptych.commands.<name>`` modules with ``add_arguments(parser)`` and ``run(args) -> int``,
imported only when used, so ``diptych align`` never imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from diptych import __version__

SUBCOMMANDS = {
    "align": ("diptych.commands.align", "link two articles and print the alignment JSON"),
    "project": ("diptych.commands.project", "create or summarise a .diptych project"),
    "export": ("diptych.commands.export", "export a project as CSV, JSON-LD or HTML"),
    "agree": ("diptych.commands.agree", "agreement between two reviews of the same pair"),
    "batch": ("diptych.commands.batch", "review many pairs into projects and a summary (resumable)"),
    "install-desktop": ("diptych.commands.install_desktop", "install the desktop entry and file type"),
}
EXIT_BAD_INPUT = 2
# Subcommands that leave the process at once when they are done: they register no exit handlers and
# have written and closed everything when they return, so freeing their objects one by one at exit
# is wasted (0.15-0.19 s after a 10,000 x 10,000-line align, 0.04 s after 4,000 lines)
QUICK_EXIT = frozenset({"align"})


def fail(message: str) -> int:
    print(f"diptych: error: {' '.join(str(message).split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_subcommand(name: str, argv: Sequence[str]) -> int:
    module_name, help_text = SUBCOMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"diptych {name}", description=help_text)
    module.add_arguments(parser)
    args = parser.parse_args(list(argv))
    from diptych.core.errors import DiptychError

    try:
        return int(module.run(args) or 0)
    except DiptychError as e:
        return fail(str(e))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:
        return fail(f"{getattr(e, 'filename', None) or ''} {e.strerror or e}".strip())


def print_help() -> None:
    lines = [
        f"Diptych {__version__}: review an article against its reference, claim by claim.",
        "",
        "usage: diptych [LEFT RIGHT | PROJECT.diptych] [--screenshot OUT.png] [--smoke-test]",
        "       diptych SUBCOMMAND ...",
        "",
        "subcommands:",
        *(f"  {name:16s} {help_text}" for name, (_, help_text) in SUBCOMMANDS.items()),
        "",
        "Run 'diptych SUBCOMMAND --help' for a subcommand's options.",
    ]
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args[0], args[1:])
    if args and args[0] in ("-h", "--help"):
        print_help()
        return 0
    if args and args[0] == "--version":
        print(f"diptych {__version__}")
        return 0
    from diptych.ui.app import run_app

    return run_app(args)


def entry() -> NoReturn:
    """Entry point of ``diptych`` and ``python -m diptych``: :func:`main`, then exit."""
    code = main()
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe: what was read of the output is all there is
            pass
        os._exit(code)
    sys.exit(code)


def main_gui() -> int:
    """Entry point of the ``diptych-app`` launcher (no console on Windows)."""
    return main()
