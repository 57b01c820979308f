"""Identity and duplicate keys: the content hash (doc_id) and MinHash signatures with LSH bands."""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 bands of 4 rows: candidate pairs from Jaccard ~0.4, verified after
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """A stable id for a text: case, Unicode form and whitespace do not change it."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:24]


@cache
def _template() -> MinHash:
    # Drawing the permutations costs three times the hashing of a short article: draw them once.
    return MinHash(num_perm=NUM_PERM, seed=1)


def minhash_signature(text: str) -> list[int]:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    template = _template()
    sketch = MinHash(
        num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme
    )
    sketch.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in sketch.hashvalues]


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per LSH band; documents sharing a key are near-duplicate candidates."""
    data = np.asarray(signature, dtype=np.uint64).tobytes()
    width = ROWS * 8
    return [
        int.from_bytes(
            hashlib.blake2b(
                data[band * width : (band + 1) * width], digest_size=8, person=_PERSON[band]
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]


_PERSON = [band.to_bytes(2, "little") for band in range(BANDS)]


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
