"""`diptych align`: the JSON contract, exact offsets, and exit code 2 for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diptych", "align", *args], capture_output=True, text=True,
                          timeout=120)


def test_contract_on_sample_pair(reference_path, review_path) -> None:
    out = run(str(reference_path), str(review_path))
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["format"] == "diptych.alignment" and res["version"] == 1
    texts = {side: p.read_text(encoding="utf-8") for side, p in (("left", reference_path), ("right", review_path))}
    for side in ("left", "right"):
        claims = res[side]["claims"]
        assert claims and all(texts[side][a:b].strip() == texts[side][a:b] != "" for a, b in claims)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(claims, claims[1:], strict=False))
    assert [v["right"] for v in res["verdicts"]] == list(range(len(res["right"]["claims"])))
    assert all(v["verdict"] in ("consistent", "altered", "unsupported") for v in res["verdicts"])
    assert all(isinstance(v["confidence"], float) and 0.0 <= v["confidence"] <= 1.0 for v in res["verdicts"])
    for lk in res["links"]:
        assert 0 <= lk["score"] <= 1
        assert 0 <= lk["left"] < len(res["left"]["claims"]) and 0 <= lk["right"] < len(res["right"]["claims"])


def test_output_file_and_crlf_bom_offsets(tmp_path) -> None:
    left = tmp_path / "l.txt"
    right = tmp_path / "r.txt"
    left.write_bytes("\ufeffThe mayor resigned on Friday.\r\nShe gave no reason.\r\n".encode())
    right.write_bytes(b"The mayor resigned on Friday.\nNo reason was given.\n")
    out = tmp_path / "o.json"
    proc = run(str(left), str(right), "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    res = json.loads(out.read_text(encoding="utf-8"))
    normalised = "The mayor resigned on Friday.\nShe gave no reason.\n"
    assert [normalised[a:b] for a, b in res["left"]["claims"]] == [
        "The mayor resigned on Friday.", "She gave no reason."]


@pytest.mark.parametrize("make,message", [
    (lambda p: p.write_bytes(bytes(range(256)) * 8), "binary"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: None, "no such file"),
])
def test_bad_input_exit_2_one_line(tmp_path, review_path, make, message) -> None:
    bad = tmp_path / "bad.txt"
    make(bad)
    out = run(str(bad), str(review_path))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in out.stderr


def test_align_imports_no_qt(tmp_path, reference_path, review_path) -> None:
    argv = ["align", str(reference_path), str(review_path), "-o", str(tmp_path / "out.json")]
    code = (f"import sys; from diptych.cli import main; main({argv!r}); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_a_long_output_arrives_whole_through_a_pipe_and_a_reader_that_stops_early_is_no_error(
        tmp_path, reference_path, review_path) -> None:
    # align leaves the process at once when done: everything it printed must still arrive
    left = "\n".join(f"Line {k} tells of the harbour {k % 7} and the {k % 11} boats." for k in range(3000))
    right = "\n".join(f"Line {k} is about harbour {k % 7} and {k % 11} boats." for k in range(0, 3000, 2))
    (tmp_path / "l.txt").write_text(left + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(right + "\n", encoding="utf-8")
    argv = [sys.executable, "-m", "diptych", "align", str(tmp_path / "l.txt"), str(tmp_path / "r.txt"),
            "--one-per-line"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output buffered, as usual
    whole = subprocess.run(argv, capture_output=True, timeout=120, env=env)
    assert whole.returncode == 0, whole.stderr
    res = json.loads(whole.stdout)
    assert len(res["verdicts"]) == 1500 and len(whole.stdout) > 100_000
    short = subprocess.run([*argv[:4], str(reference_path), str(review_path)], capture_output=True, timeout=120,
                           env=env)
    assert short.returncode == 0 and json.loads(short.stdout)["verdicts"]  # a short output is not lost either
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()  # the reader stops: the rest of the output meets a closed pipe
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and "Traceback" not in err and "Exception" not in err


def test_the_same_pair_gives_the_same_output_whatever_the_hash_seed(tmp_path) -> None:
    # a role swap whose doer is two words ("shop owner"): the reason's span came from a set's order
    left = tmp_path / "l.txt"
    right = tmp_path / "r.txt"
    left.write_text("The shop owner chased the robber down the street. Northfield Rovers beat Castleton United "
                    "3-1 on Saturday.\n", encoding="utf-8")
    right.write_text("The robber chased the shop owner down the street. castleton united beat northfield rovers "
                     "3-1 on saturday.\n", encoding="utf-8")
    outs = set()
    for seed in ("1", "2", "3", "4", "5"):
        out = subprocess.run([sys.executable, "-m", "diptych", "align", str(left), str(right), "--language", "en"],
                             capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        assert out.returncode == 0, out.stderr
        outs.add(out.stdout)
    assert len(outs) == 1
    reasons = [r for v in json.loads(outs.pop())["verdicts"] for r in v["reasons"]]
    assert any(r.startswith("roles swapped") for r in reasons), reasons
