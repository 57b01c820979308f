"""A BERT encoder in plain torch for all-MiniLM-L6-v2 (6 layers, 384 wide, 12 heads), read from
the model's own `model.safetensors` and `config.json`, with its `tokenizer.json` run by the
`tokenizers` library.

Importing `transformers` costs most of the stories step's cold start (about 4-7 s, and far more
on a busy machine) for a model this small; the forward pass below is the same arithmetic as
`transformers`' `BertModel` (absolute positions, token type 0, exact GELU, post-layer-norm), so
the vectors match its to float precision (`tests/test_stories_encoder.py`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional


class _Layer(nn.Module):
    def __init__(self, hidden: int, intermediate: int, heads: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        size = hidden // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, size).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        # softmax(q k' / sqrt(size) + mask) v, fused (about 8% less CPU than written out)
        attended = functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        context = attended.transpose(1, 2).reshape(batch, length, hidden)
        x = self.attention_norm(self.attention_out(context) + x)
        inner = functional.gelu(self.intermediate(x))
        out: torch.Tensor = self.output_norm(self.output(inner) + x)
        return out


class MiniBert(nn.Module):
    """`BertModel` without pooler: token ids and attention mask (batch, length) in, the last
    hidden states (batch, length, hidden) out."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        hidden, eps = int(config["hidden_size"]), float(config["layer_norm_eps"])
        self.words = nn.Embedding(int(config["vocab_size"]), hidden)
        self.positions = nn.Embedding(int(config["max_position_embeddings"]), hidden)
        self.token_types = nn.Embedding(int(config["type_vocab_size"]), hidden)
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(
            _Layer(
                hidden, int(config["intermediate_size"]), int(config["num_attention_heads"]), eps
            )
            for _ in range(int(config["num_hidden_layers"]))
        )

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.words(ids) + self.positions(positions)[None] + self.token_types.weight[0]
        x = self.norm(x)
        mask = (1.0 - attention[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, mask)
        out: torch.Tensor = x
        return out


# safetensors names of BERT's weights → ours, per layer and outside the layers
_LAYER_NAMES = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attention_out",
    "attention.output.LayerNorm": "attention_norm",
    "intermediate.dense": "intermediate",
    "output.dense": "output",
    "output.LayerNorm": "output_norm",
}
_TOP_NAMES = {
    "embeddings.word_embeddings": "words",
    "embeddings.position_embeddings": "positions",
    "embeddings.token_type_embeddings": "token_types",
    "embeddings.LayerNorm": "norm",
}


def _our_name(name: str) -> str | None:
    name = name.removeprefix("bert.")
    base, _, leaf = name.rpartition(".")
    leaf = {"gamma": "weight", "beta": "bias"}.get(leaf, leaf)
    if base in _TOP_NAMES:
        return f"{_TOP_NAMES[base]}.{leaf}"
    if base.startswith("encoder.layer."):
        index, _, rest = base.removeprefix("encoder.layer.").partition(".")
        if rest in _LAYER_NAMES:
            return f"layers.{index}.{_LAYER_NAMES[rest]}.{leaf}"
    return None  # the pooler and position ids: not used


def load_minibert(folder: Path) -> MiniBert:
    """The model in `folder` (its `config.json` and `model.safetensors`), in eval mode; raises
    `KeyError` when a weight the architecture needs is missing from the file."""
    from safetensors.torch import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    model = MiniBert(config)
    weights = {
        ours: tensor
        for name, tensor in load_file(str(folder / "model.safetensors")).items()
        if (ours := _our_name(name)) is not None
    }
    missing = set(model.state_dict()) - set(weights)
    if missing:
        raise KeyError(f"{folder}: no weights for {sorted(missing)[:3]}")
    model.load_state_dict(weights)
    return model.eval()


def load_tokenizer(folder: Path, max_tokens: int) -> Any:
    """The model's fast tokenizer (`tokenizer.json`), cutting at `max_tokens` word pieces with
    [CLS] and [SEP] counted, padding each batch to its longest text."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer
