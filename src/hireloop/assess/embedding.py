"""Static sentence embeddings: one vector per word-piece token, averaged, needing only numpy.

The table in ``model/`` was distilled from all-MiniLM-L6-v2 by ``scripts/build_embeddings.py``. A
sentence's vector is the mean of its word-piece vectors (BERT uncased tokenisation, unknown pieces
dropped), normalised to unit length, so a dot product is a cosine. Loaded lazily, once per process.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
_MAX_WORD_CHARS = 100


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


def basic_tokens(text: str) -> list[str]:
    """BERT's basic tokenisation: lower-case, strip accents, split on whitespace and punctuation."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    out: list[str] = []
    buf: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if ch.isspace() or (cat.startswith("C") and ch not in "\t\n\r"):
            if buf:
                out.append("".join(buf))
                buf = []
            continue
        if _is_punct(ch) or _is_cjk(ord(ch)):
            if buf:
                out.append("".join(buf))
                buf = []
            out.append(ch)
            continue
        buf.append(ch)
    if buf:
        out.append("".join(buf))
    return out


class StaticEmbedder:
    """Encodes text as the normalised mean of static word-piece vectors."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
        if vocab and vocab[-1] == "":
            vocab.pop()
        self.vocab: dict[str, int] = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.vocab.get("[UNK]", -1)
        self.matrix = np.load(model_dir / "embeddings.npy")  # float16, kept so (half the memory)
        self.dims = int(self.matrix.shape[1])
        self._pieces: dict[str, tuple[int, ...]] = {}

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        cached = self._pieces.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) <= _MAX_WORD_CHARS:
            start = 0
            while start < len(word):
                end = len(word)
                found = -1
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    found = self.vocab.get(piece, -1)
                    if found >= 0:
                        break
                    end -= 1
                if found < 0:
                    ids = []
                    break
                ids.append(found)
                start = end
        result = tuple(i for i in ids if i != self.unk)
        if len(self._pieces) < 200_000:
            self._pieces[word] = result
        return result

    def token_ids(self, text: str) -> list[int]:
        """Word-piece ids of ``text`` (unknown words dropped)."""
        out: list[int] = []
        cached = self._pieces
        for w in basic_tokens(text):
            ids = cached.get(w)
            out.extend(self._word_pieces(w) if ids is None else ids)
        return out

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (a zero row for a text with no known pieces)."""
        return normalize(self.sums(texts))

    def sums(self, texts: list[str]) -> np.ndarray:
        """Per text, the unnormalised sum of its piece vectors (sums of parts add up to the whole)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        ids_per_text = [self.token_ids(t) for t in texts]
        rows = [i for i, ids in enumerate(ids_per_text) if ids]
        if rows:
            flat = [tok for i in rows for tok in ids_per_text[i]]
            starts = np.cumsum([0] + [len(ids_per_text[i]) for i in rows[:-1]])
            # one gather and one segmented sum for all texts (the mean's scale vanishes in the norm)
            out[rows] = np.add.reduceat(self.matrix[flat].astype(np.float32), starts, axis=0)
        return out


def normalize(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), so dot products are cosines."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


@cache
def embedder() -> StaticEmbedder:
    """The shipped embedder, loaded on first use."""
    return StaticEmbedder(MODEL_DIR)
