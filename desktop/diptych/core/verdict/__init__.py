"""Suggested verdicts with their reasons and confidence, for each claim of the review article.

A claim with no linked reference text is **unsupported**. A linked claim is **altered** when a
major reason is found, **consistent** otherwise. The checks form a table (:mod:`.table`): surface
checks (numbers and dates, names, negations, hedges, titles, intensity words, quotations, swapped
names or numbers; :mod:`.checks`) and meaning-level checks (a stance or predicate reversed, roles
swapped, a tally made unanimous, a quantifier moved, content added inside a linked sentence, a name
changed in lower-case text; :mod:`.meaning`). Their word lists are data, one file per language in
``lexicons/`` (:mod:`.lexicon`); English and German lists are used together, so a claim's language
only decides which checks run. Every suggestion carries a confidence (:mod:`.confidence`); below
:data:`CHECK_THRESHOLD` it needs a reviewer's look (:func:`needs_check`).
"""

from diptych.core.verdict.checks import VERDICTS, Reason, Suggestion
from diptych.core.verdict.confidence import CHECK_THRESHOLD, confidence, needs_check
from diptych.core.verdict.labels import changed_spans, link_label, normalised
from diptych.core.verdict.table import CHECKS, Check, suggest

__all__ = ["CHECKS", "CHECK_THRESHOLD", "VERDICTS", "Check", "Reason", "Suggestion", "changed_spans",
           "confidence", "link_label", "needs_check", "normalised", "suggest"]
