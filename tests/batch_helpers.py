"""Rewrites of the sample review with a few planted edits each, for batch tests."""

from __future__ import annotations

from pathlib import Path

from conftest import REFERENCE, REVIEW

WEEKDAYS = ("Monday", "Wednesday", "Thursday", "Friday")


def rewrite(k: int) -> str:
    """The sample review with edits chosen by ``k``: review 0 is unchanged; the others change a
    weekday, a date, add an unsupported sentence or drop one, two or three of them at a time."""
    text = REVIEW.read_text(encoding="utf-8")
    if k == 0:
        return text
    if k % 2:
        text = text.replace("on Tuesday", f"on {WEEKDAYS[k % len(WEEKDAYS)]}", 1)
    if k % 3 == 0:
        text = text.replace("from May 31 to June 6", f"from May 31 to June {7 + k % 17}", 1)
    if k % 4 == 1:
        text += f"\nThe ministry said {k + 2} envoys would travel to the region in the spring.\n"
    if k % 5 == 2:
        lines = text.split("\n")
        del lines[1 + k % 3]
        text = "\n".join(lines)
    return text


def make_reviews(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        p = folder / f"outlet-{k:03d}.txt"
        p.write_text(rewrite(k), encoding="utf-8")
        out.append(p)
    return out


__all__ = ["REFERENCE", "make_reviews", "rewrite"]
