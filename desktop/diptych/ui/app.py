"""Start the window: ``diptych [LEFT RIGHT | FILE.diptych] [--screenshot OUT.png] [--smoke-test]``."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diptych.core.project import Project


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="diptych", description="Review an article against its reference.")
    p.add_argument("files", nargs="*", help="a project (.diptych), or a reference and a review article")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the window after linking, select the first altered claim, save a PNG, exit "
                        "(without files: the empty window, as a first start shows it)")
    p.add_argument("--smoke-test", action="store_true",
                   help="load the project (or the bundled sample pair), link, paint once and exit 0")
    p.add_argument("--size", default="", help="window size for --screenshot (WxH; default: the available screen)")
    p.add_argument("--focus", choices=("reference", "review"),
                   help="for --screenshot: give that article the keyboard (its pane is marked)")
    p.add_argument("--palette", choices=("system", "dark"), default="system",
                   help="for --screenshot: the system's colours, or a dark palette")
    return p


def _application() -> Any:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    if hasattr(app, "_diptych_file_open"):
        return app
    app.setApplicationName("Diptych")
    app.setApplicationDisplayName("Diptych")
    app.setOrganizationName("Diptych")
    app.setDesktopFileName("org.diptych.Diptych")  # the installed .desktop entry
    from diptych.resources import resource_path

    icon = resource_path("icons", "diptych.svg")
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))

    class FileOpenFilter(QObject):
        """macOS: a double-clicked document arrives as QEvent.FileOpen."""

        window: Any = None
        pending: list[str] = []

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.FileOpen:
                path = event.file()  # type: ignore[attr-defined]
                if self.window is not None:
                    if self.window.session.maybe_save():
                        self.window.open_paths([path])
                else:
                    self.pending.append(path)
                return True
            return False

    flt = FileOpenFilter(app)
    app.installEventFilter(flt)
    app._diptych_file_open = flt  # type: ignore[attr-defined]
    return app


def _stylesheet() -> str:
    from diptych.resources import resource_path

    path = resource_path("diptych.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def make_window() -> Any:
    from diptych.ui.main_window import MainWindow

    return MainWindow()


def run_app(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if args.screenshot or args.smoke_test:
        return _run_headless(args)
    app = _application()
    app.setStyleSheet(_stylesheet())
    window = make_window()

    def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        from diptych.ui.dialogs import show_error

        details = "".join(traceback.format_exception(kind, value, tb))
        show_error(window, f"Unexpected error: {kind.__name__}: {value}".splitlines()[0], details)

    sys.excepthook = excepthook
    window.show()
    flt = app._diptych_file_open
    flt.window = window
    files = list(args.files) + list(flt.pending)
    if files:
        window.open_paths(files)
    else:
        window.session.offer_unsaved_recovery()
    return int(app.exec())


def _run_headless(args: argparse.Namespace) -> int:
    """--screenshot and --smoke-test: open, link, paint, then save a PNG / exit."""
    from PySide6.QtCore import QTimer, qInstallMessageHandler

    from diptych.resources import sample_pair

    def quiet(_kind: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message and "does not support" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)  # offscreen/Xvfb notices are not Diptych's failures
    app = _application()
    if args.palette == "dark":
        from diptych.ui.style import dark_palette

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    app.setStyleSheet(_stylesheet())
    from diptych.ui.layout_state import use_saved_layout

    use_saved_layout(False)  # a screenshot shows the layout of a first start, and saves none
    window = make_window()
    window.session.headless = True  # no recovery prompt: an autosave found is kept for a window that can ask
    result: dict[str, Any] = {"code": 1, "message": "timed out before the window was ready"}
    files = list(args.files)
    if not files and args.smoke_test:
        files = [str(p) for p in sample_pair()]
    screen = window.screen().availableGeometry()
    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        w, h = screen.width(), screen.height()
    window.setGeometry(screen.x(), screen.y(), w, h)
    window.show()

    def shown() -> None:
        QTimer.singleShot(50, finish)

    def finish() -> None:
        try:
            if args.screenshot and window.project is not None:
                cid = first_altered(window.project)
                if cid is not None:
                    window.select_claim("right", cid)
                if args.focus:
                    window.activateWindow()
                    side = "left" if args.focus == "reference" else "right"
                    window.panes[side].setFocus()
                    window.focus_mark.mark(side)  # (a window manager may keep the window inactive)
            app.processEvents()
            pixmap = window.grab()
            if pixmap.isNull():
                raise RuntimeError("the window did not paint")
            if args.screenshot:
                out = Path(args.screenshot)
                out.parent.mkdir(parents=True, exist_ok=True)
                if not pixmap.save(str(out), "PNG"):
                    raise RuntimeError(f"cannot write {out}")
                print(f"diptych: screenshot saved to {out}")
            else:
                p = window.project
                c = p.counts() if p else {}
                from diptych.linkserver import server as link_server

                where = ", linked in a separate process" if link_server.last_job_peak_mb else ""
                print(f"diptych: smoke test passed ({c.get('claims', 0)} claims, {c.get('links', 0)} links, "
                      f"{window.gutter.drawn} bands painted{where})")
            result.update(code=0, message="")
        except Exception as e:  # reported as one line, exit non-zero
            result.update(code=1, message=f"{type(e).__name__}: {e}")
        app.quit()

    def failed(message: str) -> None:
        result.update(code=2, message=message)
        app.quit()

    window.project_shown.connect(shown)
    window.link_failed.connect(failed)
    QTimer.singleShot(int(os.environ.get("DIPTYCH_HEADLESS_TIMEOUT", "60000")), app.quit)
    if files:
        QTimer.singleShot(0, lambda: window.open_paths(files))  # once the loop runs, so quit() is heard
    else:  # --screenshot alone: the empty window, as a first start shows it
        QTimer.singleShot(200, finish)
    app.exec()
    if result["code"]:
        print(f"diptych: error: {' '.join(str(result['message']).split())}", file=sys.stderr)
    window.session.mark_clean()
    window.close()
    return int(result["code"])


def first_altered(p: Project | None) -> int | None:
    """The claim a screenshot shows: the first altered one, else the first changed passage."""
    if p is None:
        return None
    for c in p.claims("right"):
        if p.effective_verdict(c.id) == "altered":
            return c.id
    for c in p.claims("right"):  # else the first passage that was changed at all
        links = p.links_of("right", c.id)
        if links and max(lk.score for lk in links) < 0.97:
            return c.id
    return p.claims("right")[0].id if p.claims("right") else None
