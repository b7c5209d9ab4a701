"""Language detection loads py3langid's model from a decompressed cache, with the same answers."""

from __future__ import annotations

import os
from pathlib import Path

import py3langid
import pytest

from diptych.core import language

SAMPLES = {
    "en": "The city council decided on Monday to close two schools because of falling numbers.",
    "de": "Der Stadtrat hat am Montag beschlossen, wegen sinkender Zahlen zwei Schulen zu schließen.",
    "fr": "Le conseil municipal a décidé lundi de fermer deux écoles en raison de la baisse des effectifs.",
}


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_identifier", None)


def test_cache_is_written_and_gives_py3langids_answers(fresh: None) -> None:
    cache = language._cache_file()
    assert str(cache).startswith(os.environ["XDG_CACHE_HOME"]) and not cache.exists()
    for code, text in SAMPLES.items():
        assert language.classify(text) == code == py3langid.classify(text)[0]
    assert cache.is_file()
    language._identifier = None
    assert {language.classify(t) for t in SAMPLES.values()} == set(SAMPLES)


def test_damaged_cache_falls_back_and_is_rewritten(fresh: None) -> None:
    cache: Path = language._cache_file()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"not an npz")
    assert language.classify(SAMPLES["de"]) == "de"
    assert not cache.exists()  # removed, so the next process writes a whole one
