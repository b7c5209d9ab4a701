"""What a claim's figures measure, and the conditions and causes it is told under.

Four checks that read a clause or a unit the other checks pass over:

- **units**: a number kept with another unit is another figure ("11 million pounds" → "11
  percent", "20 Millionen mehr" → "20 Prozent mehr");
- **conditions**: the linked text holds only under a condition ("if stocks fall further") that the
  claim drops while it restates the rest: the claim says more than the reference;
- **causes**: both give a cause, and the claim's has no counterpart in the linked text ("Wegen des
  überfluteten Platzes" → "weil der Schiedsrichter krank war");
- **scope**: the claim is told of all of a kind the linked text restricts ("customers on its basic
  tariff" → "all of its customers").

Each reads the words of its language's lexicon (``units``, ``conditions``, ``not_conditions``,
``concessions``, ``causes``, ``universals``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from diptych.core.verdict.checks import Reason, _cached_words, _first_word_index, _Left, _phrase_at, _quantities
from diptych.core.verdict.lexicon import lexicon
from diptych.core.verdict.meaning import _CLAUSE_MARK, Context, _content, _counterpart, rarity

Words = Sequence[tuple[str, int, int]]


@functools.cache
def _unit_pattern(language: str) -> re.Pattern[str]:
    forms = sorted((" ".join(p) for p in lexicon(language).units), key=len, reverse=True)
    return re.compile(r"\s*(" + "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms) + r")(?!\w)",
                      re.IGNORECASE)


def _unit_after(text: str, end: int, language: str) -> tuple[str, int] | None:
    """The unit right after a figure ending at ``end``, and where it ends."""
    m = _unit_pattern(language).match(text, end)
    if m is None:
        return None
    return lexicon(language).units[tuple(m.group(1).casefold().split())], m.end()


def check_units(ctx: Context) -> list[Reason]:
    """A number of the linked text told with another unit: "11 million pounds" → "11 percent"."""
    rq = [q for q in _quantities(ctx.right) if q[5] == "number"]
    for q in rq:
        unit = _unit_after(ctx.right, q[4], ctx.language)
        if unit is None:
            continue
        same = [(k, lq, _unit_after(t, lq[4], ctx.language)) for k, t in enumerate(ctx.left.texts)
                for lq in _quantities(t) if lq[5] == "number" and lq[0] == q[0]]
        if not same or any(lu is None or lu[0] == unit[0] for _k, _lq, lu in same):
            continue  # the number is the linked text's with the same unit, or with none to compare
        k, lq, lu = same[0]
        assert lu is not None
        old, new = ctx.left.texts[k][lq[3]:lu[1]], ctx.right[q[3]:unit[1]]
        return [Reason("unit", f"unit changed: '{old}' → '{new}'", True, old, new, ((q[3], unit[1]),),
                       ((k, lq[3], lu[1]),))]
    return []


def _phrase_starts(words: Words, index: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(first word, words after the phrase) of each phrase of ``index`` (:func:`_indexed`) found in
    ``words``."""
    out = []
    for i, (w, _s, _e) in enumerate(words):
        for p in index.get(w, ()):
            if _phrase_at(words, i, p):
                out.append((i, i + len(p)))
                break
    return out


@functools.cache
def _indexed(language: str, key: str) -> dict[str, list[tuple[str, ...]]]:
    """A phrase list of the language's lexicon by first word; "quantified" is every quantifier
    and universal, which leave a claim of all of a kind to the quantifier check."""
    lex = lexicon(language)
    forms = tuple(lex.quantifiers) + lex.universals if key == "quantified" else getattr(lex, key)
    return _first_word_index(forms)


def _clause_end(text: str, words: Words, start: int) -> int:
    """The index after the last word of the clause that begins at word ``start``: up to a comma,
    a colon, a dash or a bracket, or the end of the text."""
    k = start
    while k + 1 < len(words) and not _CLAUSE_MARK.search(text, words[k][2], words[k + 1][1]):
        k += 1
    return k + 1


def _clauses(text: str, phrases: dict[str, list[tuple[str, ...]]], not_before: frozenset[str] = frozenset()
             ) -> list[tuple[int, int, int]]:
    """(marker's first word, clause's first word, clause's end) of each clause the phrases open,
    unless one of ``not_before`` is among the three words before the marker ("even if", "asked
    the minister if")."""
    words = _cached_words(text)
    out = []
    for i, after in _phrase_starts(words, phrases):
        if any(w in not_before for w, _s, _e in words[max(0, i - 3):i]):
            continue
        if after < len(words):
            out.append((i, after, _clause_end(text, words, after)))
    return out


def _governed(text: str, words: Words, i: int, b: int, breaks: frozenset[str]) -> list[str]:
    """The content words of the clause a condition from word ``i`` to ``b`` qualifies: the words
    before it back to a comma or a clause word ("and will be reviewed in June | if …"), or, for a
    condition that opens its sentence, the words after it."""
    k = i - 1 if i and words[i - 1][0] not in breaks else i  # the comma before the condition is its own
    while k > 0 and not _CLAUSE_MARK.search(text, words[k - 1][2], words[k][1]) and words[k - 1][0] not in breaks:
        k -= 1
    if k < i:
        return [w for w, _s, _e in words[k:i] if _content(w)]
    end = _clause_end(text, words, b) if b < len(words) else b
    return [w for w, _s, _e in words[b:end] if _content(w)]


def check_conditions(ctx: Context) -> list[Reason]:
    """The linked text holds under a condition the claim drops, while it restates the rest, the
    clause the condition qualifies above all: "will be reviewed in June if stocks fall further" →
    "will be reviewed in June" (not when that clause is dropped too)."""
    lex = lexicon(ctx.language)
    if _phrase_starts(ctx.rw, _indexed(ctx.language, "conditions")):
        return []  # the claim keeps a condition of its own
    right_side: _Left | None = None
    for k, t in enumerate(ctx.left.texts):
        if t.rstrip().endswith("?"):
            continue  # a question states nothing a dropped condition could widen
        found = _clauses(t, _indexed(ctx.language, "conditions"), lex.not_conditions | lex.concessions)
        if not found:
            continue
        words = _cached_words(t)
        if right_side is None:
            right_side = _Left([ctx.right])
        for i, a, b in found:
            clause = [w for w, _s, _e in words[a:b] if _content(w)]
            rest = [w for n, (w, _s, _e) in enumerate(words) if not i <= n < b and _content(w)]
            governed = _governed(t, words, i, b, lex.clause_breaks)
            gone = [w for w in clause if not _counterpart(w, right_side)]
            kept = [w for w in rest if _counterpart(w, right_side)]
            if len(clause) >= 2 and len(gone) >= max(2, 2 * len(clause) / 3) and len(rest) >= 3 \
                    and len(kept) >= 0.6 * len(rest) and governed \
                    and sum(_counterpart(w, right_side) for w in governed) >= 2 * len(governed) / 3:
                s, e = words[i][1], words[b - 1][2]
                return [Reason("condition", f"condition dropped: '{t[s:e]}'", True, t[s:e], "", (),
                               ((k, s, e),))]
    return []


def check_causes(ctx: Context) -> list[Reason]:
    """Both give a cause, and three quarters of the claim's have no counterpart in the linked text:
    "Wegen des überfluteten Platzes" → "weil der Schiedsrichter krank war" (a cause that differs
    in one word, "barred from travelling" → "chose not to travel", is not seen)."""
    causes = _indexed(ctx.language, "causes")
    mine = _clauses(ctx.right, causes)
    if not mine:
        return []
    theirs = [(k, found[0]) for k, t in enumerate(ctx.left.texts) if (found := _clauses(t, causes))]
    if not theirs:
        return []
    for i, a, b in mine:
        clause = [w for w, _s, _e in ctx.rw[a:b] if _content(w)]
        gone = [w for w in clause if not _counterpart(w, ctx.left)]
        if len(clause) >= 2 and len(gone) >= max(2, 3 * len(clause) / 4):
            k, (li, _la, lb) = theirs[0]
            lt, lw = ctx.left.texts[k], _cached_words(ctx.left.texts[k])
            ls, le = lw[li][1], lw[lb - 1][2]
            s, e = ctx.rw[i][1], ctx.rw[b - 1][2]
            return [Reason("cause", f"cause changed: '{lt[ls:le]}' → '{ctx.right[s:e]}'", True, lt[ls:le],
                           ctx.right[s:e], ((s, e),), ((k, ls, le),))]
    return []


def check_widened(ctx: Context) -> list[Reason]:
    """The claim holds for all of a kind where the linked text names a part of it, and drops the
    words that name that part: "froze prices for customers on its basic tariff" → "for all of its
    customers". The words read are those after the linked text's mention of the noun the claim
    quantifies, from a preposition on, in its clause; a linked text with a quantifier of its own is
    the quantifier check's case."""
    lex = lexicon(ctx.language)
    mine = _phrase_starts(ctx.rw, _indexed(ctx.language, "universals"))
    if not mine:
        return []
    i, after = mine[0]
    at = next((n for n in range(after, min(after + 3, len(ctx.rw)))
               if _content(ctx.rw[n][0]) and ctx.rw[n][0] not in lex.determiners), None)
    if at is None:
        return []
    noun = ctx.rw[at][0]
    if any(_phrase_starts(_cached_words(t), _indexed(ctx.language, "quantified")) for t in ctx.left.texts):
        return []
    right_side = _Left([ctx.right])
    for k, t in enumerate(ctx.left.texts):
        words = _cached_words(t)
        for n0 in (n for n, (w, _s, _e) in enumerate(words) if w[:5] == noun[:5]):
            if n0 + 1 >= len(words) or words[n0 + 1][0] not in lex.prepositions:
                continue  # what names a part of a kind follows it: "customers on …", "Kunden mit …"
            end = min(len(words), n0 + WIDENED_AFTER + 1, _clause_end(t, words, n0))
            gone = [n for n in range(n0 + 1, end)
                    if _content(words[n][0]) and not _counterpart(words[n][0], right_side)]
            if len(gone) < 2 and not (gone and rarity(words[gone[0]][0]) >= WIDENED_RARE):
                continue  # two words, or one rare one (a place, a name), name the part
            a, b = n0, gone[-1]
            s, e = ctx.rw[i][1], ctx.rw[at][2]
            ls, le = words[a][1], words[b][2]
            return [Reason("scope", f"scope widened: '{t[ls:le]}' → '{ctx.right[s:e]}'", True, t[ls:le],
                           ctx.right[s:e], ((s, e),), ((k, ls, le),))]
    return []


WIDENED_RARE = 0.8
"""One word this rare names a part of a kind alone ("flights from Heathrow"); else it takes two."""
WIDENED_AFTER = 5
"""How many words after the quantified noun's mention in the linked text, up to a comma, may name
its part ("customers on its basic tariff"); an adjective before it ("die irdische Welt" → "die
ganze Welt") does not count."""
