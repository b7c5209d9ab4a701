"""Language identification with py3langid, without paying its model's decompression every start.

py3langid ships its model as an LZMA-compressed npz; decompressing it takes about 0.7 s, every
process. The decompressed npz (about 68 MB) is kept in the user's cache directory and loaded from
there in about 0.1 s. Any problem with the cache falls back to py3langid's own loading.
"""

from __future__ import annotations

import contextlib
import lzma
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from diptych.core import user_cache

_identifier: Any = None


def _cache_file() -> Path:
    import py3langid

    model = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    st = model.stat()
    return user_cache.folder() / f"py3langid-{st.st_size}-{int(st.st_mtime)}.npz"


def _write_cache(target: Path) -> None:
    import py3langid

    model = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".model-", suffix=".npz", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(model) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _from_cache(path: Path) -> Any:
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _to_array(data["nextmove"]), data["out_feat"].tolist(), tk_row=_to_array(data["nextmove_row"]))


def identifier() -> Any:
    """py3langid's identifier, loaded once per process (from the cache when it can)."""
    global _identifier
    if _identifier is None:
        cache: Path | None = None
        try:
            cache = _cache_file()
            if not cache.is_file():
                _write_cache(cache)
                user_cache.keep_only(cache, "py3langid-")
            _identifier = _from_cache(cache)
        except Exception:  # a cache problem must never stop language detection
            if cache is not None:  # a damaged cache is written anew next time
                with contextlib.suppress(OSError):
                    cache.unlink()
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return _identifier


def classify(text: str) -> str:
    lang, _ = identifier().classify(text)
    return str(lang)
