"""Hypothesis writes valid-looking projects whose strings and numbers are hostile: markup, lone
surrogates, control and bidi characters, huge numbers. Each file is loaded, summarised as ``project
show`` prints it, exported in every format and saved again: only a one-line refusal may come out,
nothing hangs (a timeout), and the input file is never changed. ``make test`` runs a few dozen
examples; ``make fuzz`` (``-m fuzz``) runs ``DIPTYCH_FUZZ_EXAMPLES`` (10,000)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diptych.commands.project import summary
from diptych.core.errors import DiptychError
from diptych.core.export import export
from diptych.core.project_file import dumps_project, load_project, save_project
from project_helpers import edited_project

BIG = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "") or 100)
SMALL = 40

GOOD = json.loads(dumps_project(edited_project()))

MARKUP = ["<img src='/dev/zero'>", '<img src="fifo">', "<b>bold</b>", "<a href='file:///etc/passwd'>x</a>",
          "&lt;img&gt;", "<!--", "<?xml version='1.0'?>", "<style>@import url(x)</style>", "<qt>", "</p>"]
SURROGATES = ["\ud800", "\udfff", "\udc80", "a\ud83d", "\ude00b"]
CONTROLS = ["\x1b[31m", "\x1b]0;title\x07", "\x00", "\n", "\r\n", "\x08", "\x7f", "\u2028", "\u2029", "\x0c"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c", "\u202a"]
HUGE = [2**31, 2**31 - 1, 2**63, 2**64 + 1, 10**30, -1, -(2**63), 1e308, 1.7976931348623157e308, 0.5, 10**4000]

hostile_text = st.lists(st.sampled_from(MARKUP) | st.sampled_from(SURROGATES) | st.sampled_from(CONTROLS)
                        | st.sampled_from(BIDI) | st.text(max_size=8), min_size=1, max_size=6).map("".join)
hostile_number = st.sampled_from(HUGE) | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)


def _leaves(node: Any, prefix: tuple = ()) -> list[tuple[tuple, Any]]:
    out: list[tuple[tuple, Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _leaves(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _leaves(v, prefix + (i,))
    else:
        out.append((prefix, node))
    return out


STRINGS = [p for p, v in _leaves(GOOD) if isinstance(v, str) and p[-1] not in ("format", "sha256")]
NUMBERS = [p for p, v in _leaves(GOOD) if isinstance(v, int | float) and not isinstance(v, bool)]


def _put(doc: Any, path: tuple, value: Any) -> None:
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _reseal(doc: dict[str, Any]) -> None:
    """Keep the embedded texts' sha256 true, so a changed text is checked further than its hash."""
    for side in ("left", "right"):
        art = doc["articles"][side]
        if isinstance(art.get("text"), str):
            try:
                art["sha256"] = hashlib.sha256(art["text"].encode("utf-8")).hexdigest()
            except UnicodeEncodeError:
                pass


@st.composite
def hostile_projects(draw: st.DrawFn) -> bytes:
    doc = json.loads(json.dumps(GOOD))
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            path = draw(st.sampled_from(STRINGS))
            value: Any = draw(hostile_text)
            if len(path) == 3 and path[0] == "articles" and path[2] == "text":
                value = doc["articles"][path[1]]["text"] + value  # appended: the claims stay in place
            _put(doc, path, value)
        else:
            _put(doc, draw(st.sampled_from(NUMBERS)), draw(hostile_number))
    if draw(st.booleans()):
        reason = {"kind": draw(hostile_text), "text": draw(hostile_text), "major": True, "left": "", "right": "",
                  "right_spans": [[draw(hostile_number), draw(hostile_number)]], "left_spans": []}
        doc["reviews"][draw(st.integers(0, len(doc["reviews"]) - 1))]["suggestion"]["reasons"].append(reason)
    if draw(st.booleans()):
        doc["options"]["link"][draw(st.sampled_from(["threshold", "language", draw(hostile_text)]))] = \
            draw(hostile_text | hostile_number | st.booleans() | st.none())
    _reseal(doc)
    try:
        text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    except ValueError:
        text = json.dumps(doc)
    return text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")


def _terminal_safe(line: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp") for ch in line) and not any(
        ch in line for ch in BIDI)


def check(data: bytes) -> str:
    """Load, show, export and save one file; returns what happened ("refused" or "loaded")."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.diptych"
        src.write_bytes(data)
        try:
            project = load_project(src)
        except DiptychError as e:
            assert str(e) and "\n" not in str(e)
            assert src.read_bytes() == data
            return "refused"
        for line in summary(project, str(src)):
            assert _terminal_safe(line), repr(line)
            line.encode("utf-8")
        for fmt in ("csv", "jsonld", "html"):
            try:
                export(project, Path(tmp) / f"out.{fmt}", fmt)
            except DiptychError as e:
                assert "\n" not in str(e)
        out = Path(tmp) / "again.diptych"
        save_project(project, out)
        again = load_project(out)
        assert dumps_project(again).count(b"\n") > 0
        assert src.read_bytes() == data
        return "loaded"


FAST = settings(max_examples=SMALL, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=BIG, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@pytest.mark.timeout(300)
@FAST
@given(hostile_projects())
def test_hostile_project_files(data: bytes) -> None:
    check(data)


@pytest.mark.fuzz
@pytest.mark.timeout(7200)
@LONG
@given(hostile_projects())
def test_hostile_project_files_long(data: bytes) -> None:
    check(data)


def test_the_generator_reaches_both_refusals_and_loads() -> None:
    """A fixed set of draws: the generator is not refused wholesale (then it would test nothing)."""
    from hypothesis import find

    loaded = find(hostile_projects(), lambda d: check(d) == "loaded",
                  settings=settings(max_examples=300, database=None, deadline=None,
                                    suppress_health_check=list(HealthCheck)))
    assert loaded
    refused = find(hostile_projects(), lambda d: check(d) == "refused",
                   settings=settings(max_examples=300, database=None, deadline=None,
                                     suppress_health_check=list(HealthCheck)))
    assert refused
