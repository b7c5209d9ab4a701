"""Hypothesis fuzzes the loader: random bytes, random JSON and mutated project files.

Only :class:`ProjectFileError` may escape; a file that loads saves and loads again to the same
project. ``make test`` runs a few hundred examples; ``make fuzz`` (``-m fuzz``) runs
``DIPTYCH_FUZZ_EXAMPLES`` (10,000) of the mutation fuzzer.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diptych.core.anchor import reanchor
from diptych.core.project_file import ProjectFileError, dumps_project, parse_project, project_to_json
from diptych.core.text import Document
from project_helpers import edited_project

BIG = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "") or 100)

_project = edited_project()
_project, _ = reanchor(_project, "right", Document.from_raw(
    _project.document("right").text.replace("Read more: politics", "Read more: elsewhere"), "review.txt"))
GOOD = dumps_project(_project)
GOOD_DOC = json.loads(GOOD)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


PATHS = _paths(GOOD_DOC)


def _mutate(doc: Any, path: tuple, action: str, value: Any) -> Any:
    if not path:
        return value if action == "replace" else doc
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key])))
    elif action == "number" and isinstance(parent[key], int | float) and not isinstance(parent[key], bool):
        parent[key] = parent[key] + (value if isinstance(value, int) and not isinstance(value, bool) else 1)
    elif action == "string" and isinstance(parent[key], str):
        parent[key] = parent[key][: len(parent[key]) // 2] + (value if isinstance(value, str) else "x")
    return doc


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    doc = json.loads(GOOD)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["delete", "replace", "duplicate", "number", "string"]))
        doc = _mutate(doc, path, action, draw(json_values))
    data = json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")
    how = draw(st.sampled_from(["as is", "truncate", "flip", "splice"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    elif how == "splice":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
    return data


def check(data: bytes) -> None:
    try:
        p = parse_project(data)
    except ProjectFileError as e:
        assert str(e) and "\n" not in str(e)
        return
    again = parse_project(dumps_project(p))
    assert project_to_json(again) == project_to_json(p)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(json_values)
def test_random_json(value: Any) -> None:
    check(json.dumps(value).encode())
    check(json.dumps({"format": "diptych.project", "schema_version": 1, "articles": value}).encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_files())
def test_mutated_project_files(data: bytes) -> None:
    check(data)


@pytest.mark.fuzz
@settings(max_examples=BIG, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
@given(mutated_files())
def test_mutated_project_files_long(data: bytes) -> None:
    check(data)


def test_the_seed_file_itself_loads() -> None:
    p = parse_project(GOOD)
    assert p.orphans and project_to_json(p) == project_to_json(_project)
