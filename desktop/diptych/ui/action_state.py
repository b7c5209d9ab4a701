"""When the window's actions can act: the conditions of the action table's ``enabled_when``
(``ui/actions.py``), read from the window, and the change events that make them checked again."""

from __future__ import annotations

from typing import Any


def install(window: Any) -> None:
    """Enable each of ``window.act``'s actions while what it needs holds."""
    session = window.session

    def claim() -> bool:
        p, r = window.project, window.current["right"]
        return p is not None and r is not None and r in p.reviews

    def linked() -> bool:
        p, r, l_ = window.project, window.current["right"], window.current["left"]
        return p is not None and r is not None and l_ is not None and l_ in p.partners("right", r)

    conditions = {
        "text": lambda: bool(window.left.text or window.right.text),
        "pair": lambda: window.project is not None,
        "claims": lambda: window.project is not None and bool(window.project.claims("right")),
        "claim": claim,
        "linked": linked,
        "unsaved": lambda: window.project is not None and (session.is_modified() or session.path is None),
        "two_articles": lambda: (window.docs["left"] is not None and window.docs["right"] is not None
                                 and window.jobs.job is None),
    }
    window.act.watch(conditions, session.project_changed, session.modified_changed, session.path_changed,
                     window.claim_focus_changed, window.jobs.changed, window.left.textShown,
                     window.right.textShown)
