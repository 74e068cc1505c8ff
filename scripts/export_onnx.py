#!/usr/bin/env python
"""Export the packaged all-MiniLM-L6-v2 to ONNX and check it against sentence-transformers.

Builds the file where the app looks for it (``advisor.index.embedder.onnx_path``) when it is
missing or was made from other weights (``--force`` always rebuilds; ``--out`` writes elsewhere),
then encodes a few hundred texts with both encoders: every competency text of the catalogue
(names, definitions, behaviours), the phrases of the labelled profiles, and a set of short English
and Spanish phrases, plus one text longer than the model's 256-token limit. It reports the min and
mean cosine between the two vectors of each text, and how often the nearest competency text of
each phrase and of each behaviour (itself left out) is the same under both encoders.

The fp32 export must give the reference vectors (min cosine >= 0.9999); the exit code is 1 if not.

    .venv/bin/python scripts/export_onnx.py [--variant fp32|int8] [--force] [--out F] [--no-check] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIN_COSINE = 0.9999

PHRASES = [
    "ran the cash register and counted the drawer at close",
    "drove a forklift in the warehouse for three years",
    "trained new hires on the stocking routine",
    "good with Excel and pivot tables",
    "took vital signs and charted them for the nurse",
    "welded frames with MIG and TIG",
    "answered phones and booked appointments",
    "fixed laptops and reset passwords for staff",
    "handled customer complaints calmly",
    "loaded and unloaded trucks on a tight schedule",
    "kept the kitchen clean and followed food safety rules",
    "read blueprints and measured parts with calipers",
    "supervised a crew of six on night shift",
    "wrote incident reports after every shift",
    "CDL class A, clean driving record",
    "OSHA 10 card",
    "CNA license, current",
    "built a small website for my church",
    "budgeted for a family of five",
    "never missed a day in two years",
    "volunteered at the food bank sorting donations",
    "operated the injection molding machine and did part checks",
    "balanced the books for a small shop with QuickBooks",
    "installed drywall and painted interiors",
    "helped patients get in and out of bed",
    "coded claims with ICD-10",
    "set up point of sale systems",
    "I am good at talking to people",
    "I like working with my hands",
    "led safety meetings every Monday",
    "trabajé como cajera en un supermercado",
    "manejé un montacargas en el almacén",
    "atendí a clientes por teléfono",
    "limpié habitaciones en un hotel",
    "cuidé a personas mayores en su casa",
    "soy puntual y responsable",
    "preparé comida en un restaurante de comida rápida",
    "instalé tuberías y arreglé fugas",
    "hablo inglés y español",
    "supervisé a un equipo de cinco personas",
    "",
    "a",
    "Excel",
    "forklift",
    "customer service!!!",
]
# Longer than the model's 256 tokens: both encoders must cut it at the same place.
LONG = " ".join(["stocked shelves, ran the register, and helped customers find what they needed"] * 30)


def texts_to_check() -> tuple[list[str], list[str], list[str]]:
    """(competency texts, phrase queries, behaviour queries)."""
    import yaml

    from advisor.guidance.matching import competency_entries
    from advisor.guidance.phrases import split_phrases
    from advisor.models import load_catalog

    entries = competency_entries(load_catalog().unique_competencies())
    corpus = list(dict.fromkeys(e.text for e in entries))
    profiles = yaml.safe_load((ROOT / "scripts" / "data" / "profiles.yaml").read_text(encoding="utf-8"))["profiles"]
    phrases = list(PHRASES) + [LONG]
    for p in profiles:
        phrases.extend(ph.text for ph in split_phrases(p["text"]))
    phrases = list(dict.fromkeys(phrases))
    behaviours = list(dict.fromkeys(e.text for e in entries if e.kind == "behavior"))
    return corpus, phrases, behaviours


def reference_encoder():
    """sentence-transformers on the packaged model: the vectors the index was built with."""
    import os

    for key, value in (("HF_HUB_OFFLINE", "1"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error")):
        os.environ[key] = value
    from sentence_transformers import SentenceTransformer

    from advisor.index.embedder import model_path

    model = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)
    return lambda texts: model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)


def nearest(queries, corpus, same: list[bool] | None = None):
    import numpy as np

    scores = queries @ corpus.T
    if same is not None:
        scores[np.asarray(same)] = -2.0
    return scores.argmax(axis=1)


def compare(embedder, reference) -> dict:
    import numpy as np

    corpus, phrases, behaviours = texts_to_check()
    everything = list(dict.fromkeys(corpus + phrases))
    t0 = time.perf_counter()
    ours = embedder.encode(everything)
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = reference(everything)
    ref_s = time.perf_counter() - t0
    cos = (ours * ref).sum(axis=1)
    row = {t: i for i, t in enumerate(everything)}
    c_rows = [row[t] for t in corpus]

    def agreement(queries: list[str]) -> float:
        q_rows = [row[t] for t in queries]
        same = [[q == c for c in corpus] for q in queries]
        a = nearest(ours[q_rows], ours[c_rows], same)
        b = nearest(ref[q_rows], ref[c_rows], same)
        return float(np.mean(a == b))

    worst = int(cos.argmin())
    return {
        "texts": len(everything),
        "competency_texts": len(corpus),
        "phrases": len(phrases),
        "cosine_min": round(float(cos.min()), 6),
        "cosine_mean": round(float(cos.mean()), 6),
        "worst_text_chars": len(everything[worst]),
        "nn_agreement_phrases": round(agreement(phrases), 4),
        "nn_agreement_behaviours": round(agreement(behaviours), 4),
        "onnx_encode_s": round(ours_s, 2),
        "reference_encode_s": round(ref_s, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="Export the embedding model to ONNX and check it against sentence-transformers")
    ap.add_argument("--variant", choices=("fp32", "int8"), default="fp32")
    ap.add_argument("--out", type=Path, help="write the file here instead of where the app looks for it")
    ap.add_argument("--force", action="store_true", help="rebuild even if an up-to-date file is there")
    ap.add_argument("--no-check", action="store_true", help="only build; skip the comparison with sentence-transformers")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from advisor.index.embedder import Embedder, build_onnx, onnx_path, onnx_problem

    path = args.out or onnx_path(args.variant)
    problem = onnx_problem(path, args.variant)
    built_s = None
    if args.force or problem is not None:
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes; the check below is what counts
            build_onnx(path, args.variant)
        built_s = round(time.perf_counter() - t0, 1)
    out = {"file": str(path), "variant": args.variant, "megabytes": round(path.stat().st_size / 1e6, 1), "built_s": built_s}
    if not args.no_check:
        out.update(compare(Embedder(args.variant, path=path, build=False), reference_encoder()))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['variant']} ONNX: {out['file']} ({out['megabytes']} MB)" + (f", built in {built_s} s" if built_s is not None else ", up to date"))
        if not args.no_check:
            print(f"  vs sentence-transformers on {out['texts']} texts ({out['competency_texts']} competency texts, {out['phrases']} phrases)")
            print(f"  cosine     min {out['cosine_min']:.6f}   mean {out['cosine_mean']:.6f}")
            print(f"  nearest competency text unchanged: phrases {100 * out['nn_agreement_phrases']:.1f}%   behaviours {100 * out['nn_agreement_behaviours']:.1f}%")
            print(f"  encode time: ONNX {out['onnx_encode_s']} s   sentence-transformers {out['reference_encode_s']} s")
    if not args.no_check and args.variant == "fp32" and out["cosine_min"] < MIN_COSINE:
        print(f"the fp32 export does not give the reference vectors (min cosine {out['cosine_min']} < {MIN_COSINE})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
