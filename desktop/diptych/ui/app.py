"""Start the window (a plain first version: the two texts side by side)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def run_app(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(prog="diptych")
    p.add_argument("files", nargs="*")
    args = p.parse_args(list(argv))
    from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QSplitter

    from diptych.core.ingest import InputError, read_document

    app = QApplication.instance() or QApplication(sys.argv[:1])
    split = QSplitter()
    split.setWindowTitle("Diptych")
    for path in args.files[:2]:
        view = QPlainTextEdit(readOnly=True)
        try:
            view.setPlainText(read_document(path).text)
        except InputError as e:
            QMessageBox.warning(split, "Diptych", str(e))
        split.addWidget(view)
    split.resize(1200, 800)
    split.show()
    return int(app.exec())
