"""Claims from text: one sentence per claim, or one line per claim.

Sentence boundaries come from sentencex (rule-based, about 300 languages, around 1 ms per 100 KB).
Line breaks always end a claim, except inside a hard-wrapped paragraph (a block of long lines
separated from the next block by a blank line), which is segmented as one run of prose.
The language is detected with py3langid when not given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from diptych.core.text import Claim

DEFAULT_LANGUAGE = "en"
_DETECT_SAMPLE = 6000
_WRAP_MIN, _WRAP_MAX = 40, 100  # widths of the lines of a hard-wrapped paragraph
_QUOTE_MARKS = re.compile("[“”„‟«»\"＂]")  # hidden from the segmenter (see _split_sentences)
# a German date ("13. Dezember") or ordinal after an article ("aus dem 18. Jahrhundert", "zum 3. Mal")
# is no sentence end, though the segmenter sometimes takes it for one
_DAY_END = re.compile(r"(?<![\d.])\d{1,2}\.$")
_ORDINAL_END = re.compile(r"(?:^|\s)(?:der|die|das|dem|den|des|im|am|zum|zur|vom|beim|ins)\s+\d{1,4}\.$",
                          re.IGNORECASE)
_MONTH_START = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                          r"Dezember)\b")
_MAY_STOP = re.compile(r"\b[Mm]ay\.(\s+)(?=[A-Z])")  # the segmenter reads "May." as a short form
# German: a word of four letters or more, a full stop, then a figure ends a sentence ("… wurde
# teurer. 25 Prozent …"), which the segmenter keeps as one; a day or an ordinal ("am 3. 25") is a
# figure before the stop, and a short form ("Nr. 5", "Abs. 3", "ca. 30") has fewer letters
_FIGURE_STOP = re.compile(r"(?<=[^\W\d_]{4})\.(\s+)(?=\d)")
_AFTER_STOP = re.compile(r"(?<=[.!?])(\s+)([^\W\d_])")
# in a text without capitals, the word after these stays lower-case (no sentence starts there): a
# short form with a full stop inside ("e.g.", "u.s.", "z.b."), an ellipsis, or one that seldom
# ends a sentence
_DOTTED = re.compile(r"^(?:\w{1,3}\.){2,}$|\.\.$|…$")
_LOWER_ABBREVIATIONS = frozenset("""
vs ca cf dr mr mrs ms mt prof gen gov sen rep st jr sr nr no vol fig approx dept
bzw vgl evtl ggf inkl zzgl sog abs hr fr
""".split())

def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (``en`` when it cannot tell)."""
    sample = text[:_DETECT_SAMPLE]
    if len(re.findall(r"\w{2,}", sample)) < 3:
        return DEFAULT_LANGUAGE
    from diptych.core.language import classify  # loads the model on first use, so only when needed

    return classify(sample) or DEFAULT_LANGUAGE


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (as in e-mail or Markdown sources)."""
    body = [x.rstrip() for x in lines[:-1]]
    if not body or any(re.match(r"\s*([-*•–#>]|\d+[.)])\s", x) for x in lines):
        return False
    widths = [len(x) for x in body]
    return (all(_WRAP_MIN <= w <= _WRAP_MAX for w in widths) and max(widths) - min(widths) <= 30
            and any(not x.endswith((".", "!", "?", ":", "”", '"')) for x in body))


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` for each run of text that is segmented alone: a line, or a whole
    hard-wrapped paragraph when the text separates paragraphs by blank lines."""
    blank_separated = "\n\n" in text or "\n \n" in text
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        lines = para.group().split("\n")
        if blank_separated and len(lines) > 1 and _is_hard_wrapped(lines):
            yield para.start(), para.end()
        else:
            pos = para.start()
            for line in lines:
                yield pos, pos + len(line)
                pos += len(line) + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_WORD_START = re.compile(r"\b[^\W\d_]{2}")


def _without_capitals(text: str) -> bool:
    """No word is written with a capital and then small letters: a lower-cased text, though it may
    keep an acronym ("eu", "UK") or a single "I"."""
    if text.islower():
        return True
    return not any(m.group()[0].isupper() and m.group()[1].islower() for m in _WORD_START.finditer(text))


def _hidden(text: str) -> str:
    """``text`` as the segmenter sees it: line breaks and double quotation marks made spaces (the
    offsets stay the same). Done once for the whole text: per line it cost a quarter of the time.

    In a text without capitals (a lower-cased summary or transcript, perhaps with an acronym left in
    capitals) the first letter after a full stop is shown capitalised: the German rules take
    "… beschlossen. die …" for one sentence (an abbreviation before a lower-case word), while
    abbreviations ("z.b.", "sept.") still hold."""
    hidden = _QUOTE_MARKS.sub(" ", text).replace("\n", " ")
    if _without_capitals(hidden):
        def capital(m: re.Match[str]) -> str:
            before = hidden[hidden.rfind(" ", 0, m.start()) + 1:m.start()]
            if _DOTTED.search(before) or before[:-1] in _LOWER_ABBREVIATIONS:
                return m.group()
            return m.group(1) + (u if len(u := m.group(2).upper()) == 1 else m.group(2))

        hidden = _AFTER_STOP.sub(capital, hidden)
    return hidden


def _split_sentences(text: str, hidden: str, start: int, end: int, language: str) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` covering all of its non-blank characters.

    sentencex keeps a quotation whole; a claim is one sentence, so double quotation marks are hidden
    from it (``hidden`` is :func:`_hidden` of ``text``) and given back to the sentence they touch.
    """
    from sentencex import segment as sx_segment

    chunk = hidden[start:end]
    spans: list[list[int]] = []
    pos = 0
    for sentence in sx_segment(language, chunk):
        s = sentence.strip()
        if not s:
            continue
        at = chunk.find(s, pos)
        if at < 0:  # the segmenter changed the text; the rest of the chunk is one claim
            break
        spans.append([at, at + len(s)])
        pos = at + len(s)
    local = text[start:end]
    if not spans:
        spans.append([0, len(local)])
    # "May." is a whole word, not a short form: "… in May. Prices fell" is two; so is "… teurer. 25 …"
    stop = _MAY_STOP if language == "en" else _FIGURE_STOP if language == "de" else None
    if stop is not None:
        cut: list[list[int]] = []
        for a, b in spans:
            for m in stop.finditer(chunk, a, b):
                word = chunk[max(a, chunk.rfind(" ", a, m.start()) + 1):m.start()]
                if language == "de" and word.casefold() in _LOWER_ABBREVIATIONS | {"sept", "febr", "prof"}:
                    # a short form: "am 12. Sept. 2024", "Prof. 5"
                    continue
                cut.append([a, m.start(1)])
                a = m.end(1)
            cut.append([a, b])
        spans = cut
    # characters hidden from the segmenter (or skipped by it) go back to a sentence: those touching
    # the end of a sentence join it (a closing mark), the rest join the next one (an opening mark)
    spans[0][0] = 0
    spans[-1][1] = len(local)
    for k in range(len(spans) - 1, 0, -1):
        before = local[spans[k - 1][0]:spans[k - 1][1]]
        if (_DAY_END.search(before) and _MONTH_START.match(local, spans[k][0])) or (
                language == "de" and _ORDINAL_END.search(before)):
            spans[k - 1][1] = spans.pop(k)[1]
    for k in range(1, len(spans)):
        gap_lo, gap_hi = spans[k - 1][1], spans[k][0]
        while gap_lo < gap_hi and not local[gap_lo].isspace():
            gap_lo += 1
        spans[k - 1][1] = gap_lo
        while gap_hi > gap_lo and not local[gap_hi - 1].isspace():
            gap_hi -= 1
        if local[gap_lo:gap_hi].strip():  # words the segmenter skipped stay with the next sentence
            gap_hi = gap_lo
        spans[k][0] = gap_hi
    for a, b in spans:
        trimmed = _trim(text, start + a, start + b)
        if trimmed:
            yield trimmed


def segment(text: str, language: str | None = None, one_per_line: bool = False,
            progress: Callable[[float], None] | None = None) -> list[Claim]:
    """Claims tiling the non-blank parts of ``text``, in order, never overlapping.

    Each claim is trimmed of surrounding whitespace, so ``text[c.start:c.end]`` is its exact text.
    ``progress(fraction)`` is called every few hundred lines (the share of the text done).
    """
    claims: list[Claim] = []
    if one_per_line:
        for m in re.finditer(r"[^\n]+", text):
            span = _trim(text, m.start(), m.end())
            if span:
                claims.append(Claim(*span))
        return claims
    lang = language or detect_language(text)
    hidden = _hidden(text)
    for k, (start, end) in enumerate(_blocks(text)):
        if progress is not None and k % 500 == 0:
            progress(start / max(1, len(text)))
        prev_end = start
        for s, e in _split_sentences(text, hidden, start, end, lang):
            span = _trim(text, max(s, prev_end), e)
            if span:
                claims.append(Claim(*span))
                prev_end = span[1]
    if progress is not None:
        progress(1.0)
    return claims
