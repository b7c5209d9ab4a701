"""The one place that converts between core offsets (code points) and Qt positions (UTF-16 units).

Core counts Python code points; ``QTextDocument``/``QTextCursor`` count UTF-16 code units, so every
character outside the Basic Multilingual Plane (most emoji, some CJK, historic scripts) is two
positions in Qt and one in core. Right-to-left scripts need no conversion (they are stored in
logical order in both), but they are tested here too. Nothing else in ``ui/`` does this arithmetic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts offsets in one text; O(log k) per call where k = characters beyond U+FFFF."""

    __slots__ = ("_astral", "_astral16", "length", "length16")

    def __init__(self, text: str) -> None:
        # Code-point positions of astral characters, and their UTF-16 positions.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length16 = self.length + len(self._astral)

    def to_qt(self, cp: int) -> int:
        """Code-point offset -> UTF-16 position."""
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_core(self, pos16: int) -> int:
        """UTF-16 position -> code-point offset (a position inside a surrogate pair maps to its character)."""
        if not self._astral:
            return pos16
        k = bisect_right(self._astral16, pos16 - 1)
        # k astral characters start before pos16; those fully before it count two units each.
        if k and self._astral16[k - 1] == pos16 - 1:  # between the two halves of a surrogate pair
            return self._astral[k - 1]
        return pos16 - k

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_core(self, start16: int, end16: int) -> tuple[int, int]:
        return self.to_core(start16), self.to_core(end16)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
