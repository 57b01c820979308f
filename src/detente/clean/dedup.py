"""Identity and duplicate keys: the content hash (doc_id) and MinHash signatures with LSH bands."""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 bands of 4 rows: candidate pairs from Jaccard ~0.4, verified after
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """A stable id for a text: case, Unicode form and whitespace do not change it."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:24]


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The `NUM_PERM` affine permutations `h -> a * h + b mod 2**32` (`a` odd) of datasketch's
    `MinHash(num_perm=128, seed=1)` ("affine32", its scheme since 2.0), drawn as it draws them."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads the input hashes)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = h ^ (h >> np.uint32(16))
    return mixed


def minhash_signature(text: str) -> list[int]:
    """The MinHash of a text's word 3-shingles (case-folded): `NUM_PERM` 32-bit minima, the
    values of datasketch's `MinHash(num_perm=128, seed=1)` over the shingles' UTF-8 bytes
    with SHA-1 hashing, computed here with numpy alone (importing datasketch pulled in SciPy,
    a second of every run's start-up; its per-shingle Python work was half this function)."""
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    # A SHA-1 digest is five little-endian 32-bit words; the hash is the first (`sha1_hash32`).
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest() for s in shingles])
    hashes = _fmix32(np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32))
    a, b = _permutations()
    with np.errstate(over="ignore"):  # the wrap-around is the modulo 2**32
        permuted = np.outer(hashes, a) + b
    signature: list[int] = permuted.min(axis=0).tolist()
    return signature


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
