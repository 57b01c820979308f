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
