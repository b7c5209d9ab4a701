"""Work done once per reference article and kept for the verdicts of all its claims.

A function decorated with :func:`once_per_reference` computes one value from the whole reference
text (its vocabulary, its numbers, its counts by sentence, ...). The values of the last few texts
are kept, the one used last kept longest. :func:`prepare` computes every such value of one
reference, and :func:`adopt` takes in values computed elsewhere: the command line computes them in
a second process while the linker works (see :func:`diptych.core.parallel.background`), so the
verdicts find them ready.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")

KEEP = 4  # texts whose values are kept
_STORE: OrderedDict[str, dict[str, Any]] = OrderedDict()  # text -> function name -> value
_FUNCTIONS: dict[str, Callable[[str], Any]] = {}


def _values(text: str) -> dict[str, Any]:
    values = _STORE.get(text)
    if values is None:
        if len(_STORE) >= KEEP:
            _STORE.popitem(last=False)
        values = _STORE[text] = {}
    else:
        _STORE.move_to_end(text)
    return values


def once_per_reference(fn: Callable[[str], R]) -> Callable[[str], R]:
    """``fn(text)`` computed once per text (of the last :data:`KEEP`); never change the value."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _FUNCTIONS[name] = fn

    @functools.wraps(fn)
    def get(text: str) -> R:
        values = _values(text)
        if name in values:
            return values[name]  # type: ignore[no-any-return]
        value = values[name] = fn(text)
        return value

    return get


def seed(text: str, fn: Callable[[str], R], value: R) -> None:
    """Keep ``value`` as what the decorated ``fn`` gives for ``text``."""
    _values(text)[f"{fn.__module__}.{fn.__qualname__}"] = value


def known(text: str, fn: Callable[[str], Any]) -> bool:
    """Whether the value of the decorated ``fn`` for ``text`` is kept."""
    values = _STORE.get(text)
    return values is not None and f"{fn.__module__}.{fn.__qualname__}" in values


def prepare(text: str) -> dict[str, Any]:
    """Every per-reference value of ``text``, computed now (what is kept already is not redone)."""
    values = _values(text)
    for name, fn in _FUNCTIONS.items():
        if name not in values:
            values[name] = fn(text)
    return dict(values)


def adopt(text: str, values: dict[str, Any]) -> None:
    """Take in values :func:`prepare` computed (in another process); those kept here stay."""
    mine = _values(text)
    for name, value in values.items():
        if name in _FUNCTIONS:
            mine.setdefault(name, value)


def clear() -> None:
    _STORE.clear()
