"""File ▸ Article details…: each article's URL, outlet and dates and the reviewer's name, edited in
one dialog and changed in one undo step."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from diptych.core.project import SIDES, Provenance
from diptych.ui import commands
from diptych.ui.dialogs import ArticleDetailsDialog
from diptych.ui.session import ReviewSession


def show_article_details(parent: QWidget, session: ReviewSession) -> ArticleDetailsDialog | None:
    p = session.project
    if p is None:
        session.message.emit("Open a reference and a review article first", 5000)
        return None
    prov: dict[str, dict[str, str]] = {s: dataclasses.asdict(p.articles[s].provenance) for s in SIDES}
    names: dict[str, str] = {s: p.document(s).name for s in SIDES}
    dlg = ArticleDetailsDialog(parent, p.reviewer, prov, names)
    dlg.accepted.connect(lambda: apply_article_details(session, *dlg.values()))
    dlg.open()
    return dlg


def apply_article_details(session: ReviewSession, reviewer: str, provenance: dict[str, dict[str, str]]) -> None:
    """Every changed field in one undo step."""
    p = session.project
    if p is None:
        return
    cmds: list[QUndoCommand] = []
    if reviewer != p.reviewer:
        cmds.append(commands.SetReviewer(p, reviewer))
    for side in SIDES:
        new = Provenance(**provenance[side])
        if new != p.articles[side].provenance:
            cmds.append(commands.SetProvenance(p, side, new))
    if not cmds:
        return
    session.undo_stack.beginMacro("Article details")
    for cmd in cmds:
        session.push(cmd)
    session.undo_stack.endMacro()
    session.message.emit("Article details changed", 4000)
