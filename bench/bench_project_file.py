"""Save, load and autosave times of a project from a ~1 MB pair, and re-anchoring after one edit."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from diptych.core.anchor import reanchor
from diptych.core.project import Article, ClaimSpan, Project
from diptych.core.project_file import load_project, save_project, write_autosave
from diptych.core.segment import segment
from diptych.core.text import Document

ROOT = Path(__file__).resolve().parent.parent / "resources" / "samples"


def article(name: str, copies: int) -> Article:
    doc = Document.from_raw((ROOT / name).read_text(encoding="utf-8") * copies, name)
    return Article(doc, [ClaimSpan(k, c.start, c.end) for k, c in enumerate(segment(doc.text, "en"))])


def main() -> None:
    left, right = article("reference-003.txt", 140), article("review-000.txt", 160)
    p = Project(left, right)
    for c in right.claims[::3]:
        p.set_note(c.id, "checked")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.diptych"
        t = time.perf_counter()
        save_project(p, path)
        t_save = time.perf_counter() - t
        t = time.perf_counter()
        load_project(path)
        t_load = time.perf_counter() - t
        t = time.perf_counter()
        write_autosave(p, str(path))
        t_auto = time.perf_counter() - t
        size = path.stat().st_size
    text = right.document.text
    edited = Document.from_raw(text.replace("spokesman", "spokeswoman", 1), "review-000.txt")
    t = time.perf_counter()
    _, orphans = reanchor(p, "right", edited)
    t_anchor = time.perf_counter() - t
    mb = (len(left.document.text) + len(right.document.text)) / 1e6
    print(f"pair {mb:.2f} M code points, {len(left.claims) + len(right.claims)} claims, file {size / 1e6:.1f} MB")
    print(f"save {t_save:.3f} s  load {t_load:.3f} s  autosave {t_auto:.3f} s")
    print(f"re-anchor after one edit {t_anchor:.2f} s, orphans {len(orphans)}")


if __name__ == "__main__":
    main()
