"""Long batch work on two cores gives exactly what one core gives."""

from __future__ import annotations

import os
import signal
import time

import pytest

from diptych.core.link import link_claims
from diptych.core.parallel import in_halves


def test_halves_join_in_order_and_a_failed_child_is_redone_here() -> None:
    def squares(lo: int, hi: int) -> list[int]:
        return [k * k for k in range(lo, hi)]

    assert in_halves(5001, squares, fork=True) == squares(0, 5001)
    parent = os.getpid()

    def fails_in_child(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return squares(lo, hi)

    assert in_halves(5001, fails_in_child, fork=True) == squares(0, 5001)


def test_long_articles_link_the_same_on_two_cores() -> None:
    words = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]
    left = [" ".join(words[(k * 7 + m * 13) % len(words)] for m in range(9)) + "." for k in range(2400)]
    right = [" ".join(reversed(s.rstrip(".").split()[1:])) + "." for s in left[::-1]]
    one = link_claims(left, right)
    assert len(one) > 1000
    assert link_claims(left, right, fork=True) == one


def test_candidate_sums_in_python_and_in_numpy_agree(monkeypatch) -> None:
    from diptych.core import link

    words = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]
    left = [" ".join(words[(k * 11 + m * 17) % len(words)] for m in range(8)) + "." for k in range(2200)]
    right = [" ".join(s.rstrip(".").split()[::-1][:6]) + "." for s in left[::2]]
    in_python = link_claims(left, right)
    monkeypatch.setattr(link, "_PY_POSTINGS", 0)  # every input is "long": numpy sums
    assert link_claims(left, right) == in_python
    assert link_claims(left, right, fork=True) == in_python


def test_background_work_comes_back_from_the_child_or_is_done_here() -> None:
    from diptych.core.parallel import background

    parent = os.getpid()
    got = background(lambda: {"pid": os.getpid(), "value": [1, 2, 3]}, fork=True).result()
    assert got["value"] == [1, 2, 3] and got["pid"] != parent  # computed on the other core

    def fails_in_child() -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return 42

    assert background(fails_in_child, fork=True).result() == 42
    assert background(lambda: os.getpid(), fork=False).result() == parent  # no fork allowed: done here


def test_a_background_child_not_waited_for_is_stopped() -> None:
    import time

    from diptych.core.parallel import background

    pending = background(lambda: time.sleep(60), fork=True)
    child = pending._pid
    assert child is not None
    t0 = time.perf_counter()
    pending.close()
    assert time.perf_counter() - t0 < 5
    try:
        os.kill(child, 0)
    except ProcessLookupError:
        pass  # reaped: gone
    else:
        raise AssertionError("the child still runs")


def test_a_long_pair_aligns_the_same_with_its_reference_read_on_the_second_core() -> None:
    from diptych.core import align as align_module
    from diptych.core.align import AlignOptions, align, to_contract
    from diptych.core.text import Document
    from diptych.core.verdict import reference

    words = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]
    lines = [f"In {1990 + k % 30} the {words[k % len(words)]} council of {words[(k * 7) % len(words)]} "
             f"counted {k % 97 + 3} votes against {words[(k * 13) % len(words)]}." for k in range(3000)]
    review = [s.replace("counted", "had") if k % 5 else s.replace(str(k % 97 + 3), str(k % 97 + 4), 1)
              for k, s in enumerate(lines[::2])]
    left, right = Document("\n".join(lines) + "\n"), Document("\n".join(review) + "\n")
    assert len(left.text) >= align_module.PREPARE_APART
    opts = AlignOptions(one_per_line=True)
    reference.clear()
    here = to_contract(align(left, right, opts))
    reference.clear()
    apart = to_contract(align(left, right, opts, fork=True))
    assert apart == here
    assert any(v["verdict"] == "altered" for v in here["verdicts"])


def test_every_other_item_is_computed_in_the_other_half_and_the_result_keeps_the_order() -> None:
    from diptych.core.parallel import every_other

    parent = os.getpid()

    def where(js) -> list[tuple[int, bool]]:
        assert list(js) == sorted(js)
        return [(j, os.getpid() == parent) for j in js]

    got = every_other(5001, where, fork=True)
    assert [j for j, _ in got] == list(range(5001))
    here = [j for j, mine in got if mine]
    assert 2000 < len(here) < 3000 and all(j % 2 == 0 for j in here[:100])
    assert every_other(7, where, fork=True) == [(j, True) for j in range(7)]  # little work: all here


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_a_half_at_work_dies_with_the_process_that_forked_it() -> None:
    # the window stops a linking process by killing it: its forked half must not work on alone
    read_end, write_end = os.pipe()
    job = os.fork()
    if job == 0:
        try:
            def part(lo: int, hi: int) -> list[int]:
                if lo > 0:
                    os.write(write_end, f"{os.getpid()}\n".encode())
                time.sleep(60)
                return []

            in_halves(4000, part, fork=True)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as src:
        half = int(src.readline())
    assert _alive(half)
    os.kill(job, signal.SIGKILL)
    os.waitpid(job, 0)
    deadline = time.monotonic() + 10
    while _alive(half) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(half)


def test_two_long_articles_are_split_into_the_same_sentences_on_two_cores(monkeypatch) -> None:
    from diptych.core import align as align_module
    from diptych.core import parallel
    from diptych.core.align import AlignOptions, align
    from diptych.core.text import Document

    parts: list[int] = []
    real = parallel.background
    spy = lambda work, fork: parts.append(1) or real(work, fork)  # noqa: E731
    monkeypatch.setattr(align_module, "background", spy)  # the reference's values
    monkeypatch.setattr(parallel, "background", spy)  # the review's sentences, beside the reference's
    sentences = [f"The council of town {k} met on day {k % 28 + 1}. It approved plan {k} by {k % 9 + 2} votes, "
                 f"e.g. the budget." for k in range(1500)]
    left = Document(" ".join(sentences) + "\n")
    right = Document(" ".join(s.replace("approved", "rejected") if k % 2 else s for k, s in enumerate(sentences))
                     + "\n")
    assert min(len(left.text), len(right.text)) >= align_module.PREPARE_APART
    opts = AlignOptions(language="en")
    here = align(left, right, opts)
    parts.clear()
    apart = align(left, right, opts, fork=True)
    assert len(parts) >= 2  # the reference's values and the review's sentences were sent apart
    assert apart.right_claims == here.right_claims and apart.left_claims == here.left_claims
    assert len(here.right_claims) == 3000  # two sentences each, "e.g. the budget" inside the second
