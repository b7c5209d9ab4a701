"""File ▸ Open recent: the recently opened projects, filled each time the menu opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from diptych.ui.plain import tooltip


class RecentMenu(QObject):
    chosen = Signal(str)  # the path of the project picked

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self.menu = menu
        menu.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.menu.clear()
        try:
            from diptych.core.project_file import RecentFiles

            paths = RecentFiles().paths()
        except ImportError:
            paths = []
        for p in paths:
            a = self.menu.addAction(Path(p).name)
            a.setToolTip(tooltip(p))
            a.triggered.connect(lambda _c=False, path=p: self.chosen.emit(path))
        if not paths:
            self.menu.addAction("No recent projects").setEnabled(False)
        else:
            self.menu.addSeparator()
            self.menu.addAction("Clear list").triggered.connect(self.clear)

    def clear(self) -> None:
        from diptych.core.project_file import RecentFiles

        RecentFiles().clear()
