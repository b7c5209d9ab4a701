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
