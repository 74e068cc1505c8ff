"""The embedding model on ONNX Runtime: the reference vectors, no torch at run time, clear messages
when the exported file is missing, damaged or was made from other weights."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.errors import IndexError_
from advisor.index import embedder as emb

TEXTS = [
    "Drove a forklift for three years and loaded trucks",
    "cashier",
    "trabajé como cajera en un supermercado y atendí a clientes",
    "",
    # Past the model's 256 tokens: both encoders must cut it at the same place.
    " ".join(["stocked shelves, ran the register and helped customers"] * 40),
]


@pytest.mark.model
def test_onnx_vectors_are_the_sentence_transformers_vectors(real_embedder):
    import numpy as np
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(emb.model_path()), device="cpu", local_files_only=True)
    want = reference.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    got = real_embedder.encode(TEXTS)  # one batch of very different lengths: padding must not matter
    assert got.shape == (len(TEXTS), emb.DIMENSION) and got.dtype == np.float32
    cosines = (got * want).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([real_embedder.encode([t]) for t in TEXTS[:3]])  # batch of one: no padding at all
    assert np.allclose(alone, got[:3], atol=1e-5)
    assert real_embedder.name == "all-MiniLM-L6-v2"  # same identity, so the built index stays valid


@pytest.mark.model
def test_groups_encoded_side_by_side_are_each_group_alone(real_embedder):
    import numpy as np

    phrases = ["cashier 4 years", "handled returns", "drove a forklift", "good with Excel", "trained new hires"]
    sentence = ["cashier 4 years, handled returns, drove a forklift, good with Excel, trained new hires"]
    alone = np.vstack([real_embedder.encode([t]) for t in phrases + sentence])
    a, b, empty = real_embedder.encode_many([phrases, sentence, []])
    assert a.shape == (5, emb.DIMENSION) and b.shape == (1, emb.DIMENSION) and empty.shape == (0, emb.DIMENSION)
    assert np.allclose(np.vstack([a, b]), alone, atol=1e-5)
    # one group split across the cores, or many batches: the rows stay in their places
    assert np.allclose(real_embedder.encode(phrases), alone[:5], atol=1e-5)
    seen = []
    many = real_embedder.encode(phrases * 30, batch_size=16, progress=lambda done, total: seen.append((done, total)))
    assert np.allclose(many, np.tile(alone[:5], (30, 1)), atol=1e-5)
    assert seen[-1] == (150, 150) and all(x[0] < y[0] for x, y in zip(seen, seen[1:]))


@pytest.mark.model
def test_loading_and_encoding_never_imports_torch():
    probe = (
        "import sys\n"
        "from advisor.index.embedder import Embedder\n"
        "vecs = Embedder(build=False).encode(['ran the cash register', 'drove a forklift'])\n"
        "assert vecs.shape == (2, 384)\n"
        "heavy = ['torch', 'sentence_transformers', 'transformers', 'onnx']\n"
        "print(','.join(m for m in heavy if m in sys.modules) or 'none')\n"
        "print('onnxruntime' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    loaded, used_ort = run.stdout.split()
    assert loaded == "none"
    assert used_ort == "True"  # the probe did run the ONNX model


def _written(tmp_path: Path, content: bytes, **meta_changes) -> Path:
    """An ONNX file with a description file that fits it (as build_onnx writes them)."""
    path = tmp_path / "all-MiniLM-L6-v2.fp32.onnx"
    path.write_bytes(content)
    meta = {"format": emb.EXPORT_FORMAT, "opset": emb.OPSET, "variant": "fp32", "source": emb.source_identity(), "bytes": len(content)}
    meta.update(meta_changes)
    path.with_suffix(".json").write_text(json.dumps(meta))
    return path


def test_a_missing_onnx_file_is_named_with_how_to_build_it(tmp_path):
    path = tmp_path / "nowhere" / "all-MiniLM-L6-v2.fp32.onnx"
    with pytest.raises(IndexError_) as info:
        emb.Embedder(path=path, build=False).encode(["anything"])
    message = str(info.value)
    assert "missing" in message and str(path) in message and "make setup" in message
    assert "\n" not in message


def test_a_damaged_onnx_file_says_so(tmp_path):
    path = _written(tmp_path, b"this is not an onnx model" * 100)
    with pytest.raises(IndexError_) as info:
        emb.Embedder(path=path, build=False).load()
    message = str(info.value)
    assert "damaged" in message and str(path) in message and "delete it" in message
    assert "\n" not in message


def test_a_cut_short_onnx_file_is_damaged_before_it_is_read(tmp_path):
    path = _written(tmp_path, b"x" * 1000, bytes=90_000_000)
    assert emb.onnx_problem(path).startswith("damaged")
    path.with_suffix(".json").unlink()
    assert emb.onnx_problem(path).startswith("damaged")


def test_an_export_of_other_weights_is_stale_and_rebuilt(tmp_path, monkeypatch):
    source = {**emb.source_identity(), "version": "0.0.1"}
    path = _written(tmp_path, b"old export", source=source)
    assert emb.onnx_problem(path) == "stale"
    assert emb.onnx_problem(_written(tmp_path, b"an export")) is None
    assert emb.onnx_problem(_written(tmp_path, b"an export", format=emb.EXPORT_FORMAT - 1)) == "stale"
    path = _written(tmp_path, b"old export", source=source)
    asked = []
    monkeypatch.setattr(emb, "_build_in_child", lambda p, variant: asked.append((p, variant)))
    with pytest.raises(IndexError_):  # the stand-in builder left the stale file as it was
        emb.Embedder(path=path).load()
    assert asked == [(path, "fp32")]


def test_without_the_build_tools_a_missing_file_says_what_to_install(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    with pytest.raises(IndexError_) as info:
        emb.Embedder(path=tmp_path / "m.onnx").load()
    assert "not built yet" in str(info.value) and "torch" in str(info.value)


def test_the_cli_reports_a_missing_model_in_one_line(capsys, tmp_path, monkeypatch, user_home):
    from advisor.cli import main

    monkeypatch.setattr(emb, "_default", emb.Embedder(path=tmp_path / "gone.onnx", build=False))
    code = main(["match", "I drove a forklift for my uncle's company"])
    out, err = capsys.readouterr()
    assert code == IndexError_.exit_code == 4
    assert err.count("\n") == 1 and "gone.onnx" in err and "missing" in err
    assert "forklift" not in err and "Traceback" not in err  # the jobseeker's words stay out of errors
    assert out == ""


def test_a_quantized_encoder_has_its_own_identity():
    assert emb.Embedder("int8").name != emb.Embedder().name == emb.MODEL_NAME
    with pytest.raises(ValueError):
        emb.Embedder("fp16")


@pytest.mark.model
def test_the_export_runs_without_the_weights_package(tmp_path, monkeypatch, real_embedder):
    """A run-time install has the ONNX file and the tokenizer beside it, not the weights package
    (pyproject's 'export' extra): nothing of the package is needed to encode."""
    import numpy as np

    built = emb.onnx_path()
    assert emb.onnx_problem(built) is None and emb.tokenizer_path(built).exists()
    path = tmp_path / built.name
    path.symlink_to(built)
    path.with_suffix(".json").write_bytes(built.with_suffix(".json").read_bytes())
    emb.tokenizer_path(path).write_bytes(emb.tokenizer_path(built).read_bytes())

    def no_package():
        raise AssertionError("the weights package was asked for")

    from advisor.index import onnx_files

    monkeypatch.setattr(onnx_files, "installed_source", lambda: None)
    monkeypatch.setattr(onnx_files, "model_path", no_package)
    texts = ["drove a forklift", "cashier 4 years, handled returns, trained new hires"]
    got = emb.Embedder(path=path, build=False).encode(texts)
    assert np.allclose(got, real_embedder.encode(texts), atol=1e-6)
    emb.tokenizer_path(path).unlink()  # without its tokenizer the export cannot be used: one line says so
    with pytest.raises(IndexError_) as info:
        emb.Embedder(path=path, build=False).load()
    assert "tokenizer is missing" in str(info.value) and str(path) in str(info.value) and "\n" not in str(info.value)
