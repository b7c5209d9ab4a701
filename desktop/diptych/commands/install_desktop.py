"""``diptych install-desktop [--uninstall]``: the menu entry, the .diptych file type and the icons for
the current user on a Linux desktop (see diptych.desktop_integration)."""

from __future__ import annotations

import argparse

from diptych.desktop_integration import MIME_TYPE, install, uninstall


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Add Diptych to the applications menu and make .diptych files open it, for the current user "
        "($XDG_DATA_HOME, default ~/.local/share). The entry starts this installation by its absolute path.")
    p.add_argument("--uninstall", action="store_true", help="remove exactly what install-desktop added")


def run(args: argparse.Namespace) -> int:
    if args.uninstall:
        outcome = uninstall()
        print(f"removed {len(outcome.files)} files from {outcome.data_home}")
    else:
        outcome = install()
        print(f"installed {len(outcome.files)} files into {outcome.data_home}")
        print(f"launcher: {' '.join(outcome.command)}")
        print(f"file type: {MIME_TYPE} (*.diptych)")
    if outcome.missing_tools:
        print(f"not refreshed (install them and log in again): {', '.join(outcome.missing_tools)}")
    return 0
