"""The word frequency lists come from wordfreq once, then from the user's cache: same values, and a
later process never imports wordfreq (it costs 0.5-0.9 s a start of ``diptych align``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = (
    "import json, sys\n"
    "from diptych.core.verdict import meaning\n"
    "words = ['haus', 'house', 'the', 'quixotically', 'bundesregierung', 'zzqxv']\n"
    "print(json.dumps({'z': [meaning.zipf(w) for w in words], 'wordfreq': 'wordfreq' in sys.modules}))\n"
)


def _probe(cache: Path) -> dict[str, object]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    return json.loads(out.stdout)


def test_second_process_reads_the_cache_not_wordfreq(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert first["wordfreq"] is True
    assert list((tmp_path / "diptych").glob("wordfreq-small-*.marshal"))
    second = _probe(tmp_path)
    assert second["wordfreq"] is False
    assert second["z"] == first["z"]
    assert first["z"][2] > 6 and first["z"][5] == 0.0  # 'the' is common, a made-up word unknown


def test_damaged_cache_falls_back_to_wordfreq(tmp_path: Path) -> None:
    reference = _probe(tmp_path)
    for f in (tmp_path / "diptych").glob("wordfreq-small-*.marshal"):
        f.write_bytes(b"\x00not marshal")
    again = _probe(tmp_path)
    assert again["wordfreq"] is True
    assert again["z"] == reference["z"]


def test_older_copies_are_removed_when_a_new_one_is_written_but_never_through_a_link(tmp_path: Path) -> None:
    # copies left by older installs of wordfreq and py3langid, and a link to a folder the user keeps
    cache = tmp_path / "diptych"
    cache.mkdir()
    (cache / "wordfreq-small-de1-en1.marshal").write_bytes(b"an older install's lists")
    (cache / "py3langid-1-1.npz").write_bytes(b"an older install's model")
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "notes.txt").write_text("mine", encoding="utf-8")
    (cache / "wordfreq-small-link").symlink_to(kept, target_is_directory=True)
    _probe(tmp_path)
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    subprocess.run([sys.executable, "-c", "from diptych.core import language; print(language.classify('Der Hund')) "],
                   env=env, capture_output=True, text=True, timeout=120, check=True)
    names = sorted(p.name for p in cache.iterdir())
    assert "wordfreq-small-de1-en1.marshal" not in names and "py3langid-1-1.npz" not in names
    assert len([n for n in names if n.startswith("wordfreq-small-") and n.endswith(".marshal")]) == 1
    assert len([n for n in names if n.startswith("py3langid-")]) == 1
    assert (cache / "wordfreq-small-link").is_symlink() and (kept / "notes.txt").read_text(encoding="utf-8") == "mine"
