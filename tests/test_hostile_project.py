"""Hostile project files: valid JSON whose values would do damage later is refused at the boundary,
with one line (exit code 2 on the command line), and the file is never touched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diptych.cli import main
from diptych.core.anchor import reanchor
from diptych.core.project_file import ProjectFileError, dumps_project, load_project, parse_project
from diptych.core.text import Document
from project_helpers import edited_project

pytestmark = pytest.mark.timeout(60)

def _with_orphan() -> Any:
    p = edited_project()
    p, _ = reanchor(p, "right", Document.from_raw(
        p.document("right").text.replace("Read more: politics", "Read more: elsewhere"), "review.txt"))
    return p


GOOD = json.loads(dumps_project(_with_orphan()))


def _doc(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = json.loads(json.dumps(GOOD))
    change(doc)
    return doc


def _bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=True).encode("utf-8")  # a lone surrogate is written as \ud800


def _first_reason(doc: dict[str, Any]) -> dict[str, Any]:
    for r in doc["reviews"]:
        if r["suggestion"]["reasons"]:
            return r["suggestion"]["reasons"][0]
    r = doc["reviews"][0]
    r["suggestion"]["reasons"].append({"kind": "number", "text": "x", "right_spans": [], "left_spans": []})
    return r["suggestion"]["reasons"][0]


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


SURROGATE = "\ud800"
SURROGATE_CASES = {
    "note": _set(("reviews", 0, "note"), f"a note {SURROGATE}"),
    "reviewer": _set(("reviewer",), SURROGATE),
    "path": _set(("articles", "left", "path"), f"/tmp/{SURROGATE}.txt"),
    "outlet": _set(("articles", "left", "provenance", "outlet"), f"Wire{SURROGATE}"),
    "generator": _set(("generator",), "\udfff"),
    "reason": lambda d: _first_reason(d).__setitem__("text", f"12 {SURROGATE} 21"),
    "key": lambda d: d["options"]["link"].__setitem__(f"k{SURROGATE}", 1),
}


@pytest.mark.parametrize("case", sorted(SURROGATE_CASES))
def test_a_lone_surrogate_anywhere_is_refused_in_one_line(case: str) -> None:
    with pytest.raises(ProjectFileError, match="lone surrogate") as err:
        parse_project(_bytes(_doc(SURROGATE_CASES[case])))
    assert "\n" not in str(err.value)


def _spans(right: list[Any] | None = None, left: list[Any] | None = None) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        reason = _first_reason(doc)
        if right is not None:
            reason["right_spans"] = right
        if left is not None:
            reason["left_spans"] = left
    return change


BAD_VALUES = {
    "right span 2**31": (_spans(right=[[0, 2**31]]), "less than or equal"),
    "right span past the text": (_spans(right=[[0, 10**6]]), "outside the text"),
    "right span backwards": (_spans(right=[[5, 2]]), "outside the text"),
    "left span 2**40": (_spans(left=[[0, 0, 2**40]]), "less than or equal"),
    "left span past the text": (_spans(left=[[0, 3, 10**7]]), "outside the text"),
    "claim id 2**63": (_set(("articles", "left", "claims", 0, "id"), 2**63), "less than or equal"),
    "orphan backwards": (lambda d: d["orphans"] and d["orphans"][0].update(start=9, end=2), "ends before"),
    "threshold text": (_set(("options", "link", "threshold"), "x"), "threshold"),
    "threshold true": (_set(("options", "link", "threshold"), True), "threshold"),
    "threshold 1e400": (_set(("options", "link", "threshold"), 1e400), "threshold"),
    "threshold 10**400": (_set(("options", "link", "threshold"), 10**400), "threshold"),
    "language number": (_set(("options", "link", "language"), 7), "language"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_offsets_spans_and_options_outside_their_range_are_refused(case: str) -> None:
    change, words = BAD_VALUES[case]
    doc = _doc(change)
    if doc == GOOD:
        pytest.fail(f"{case}: the sample project has nothing to change")
    data = _bytes(doc).replace(b"Infinity", b"1e400")
    with pytest.raises(ProjectFileError, match=words) as err:
        parse_project(data)
    assert "\n" not in str(err.value) and str(err.value).startswith("is not a valid Diptych project")


def test_duplicate_keys_are_refused_not_last_one_wins() -> None:
    text = json.dumps(GOOD)
    dup = text.replace('"reviewer": ', '"reviewer": "Mallory", "reviewer": ', 1)
    assert dup != text
    with pytest.raises(ProjectFileError, match="appears twice"):
        parse_project(dup.encode("utf-8"))
    nested = text.replace('"exact": ', '"exact": "x", "exact": ', 1)
    with pytest.raises(ProjectFileError, match="appears twice"):
        parse_project(nested.encode("utf-8"))


def test_a_saved_project_still_loads() -> None:
    assert parse_project(_bytes(GOOD)).reviewer == "Ada Reviewer"


@pytest.mark.parametrize("command", ["show", "export"])
@pytest.mark.parametrize("case", ["note", "path", "reason"])
def test_command_line_refuses_a_surrogate_project_with_exit_2_and_leaves_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, case: str) -> None:
    path = tmp_path / "p.diptych"
    path.write_bytes(_bytes(_doc(SURROGATE_CASES[case])))
    before = path.read_bytes()
    argv = ["project", "show", str(path)] if command == "show" else [
        "export", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lone surrogate" in err and "Traceback" not in err
    assert path.read_bytes() == before and not (tmp_path / "out.csv").exists()
    with pytest.raises(ProjectFileError):
        load_project(path)
