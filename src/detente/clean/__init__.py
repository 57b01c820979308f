"""Cleaning: from a RawDocument to a segmented, identified, language-tagged Document."""

from __future__ import annotations

from datetime import UTC, datetime

from detente.clean.dateline import publication_date
from detente.clean.dedup import content_hash, minhash_signature
from detente.clean.language import detect_language
from detente.clean.normalize import normalize_text, squash
from detente.clean.segment import segment_document
from detente.config import Settings
from detente.errors import InputError
from detente.ingest.dates import date_notes, warn_notes
from detente.ingest.html import extract_page
from detente.model import ANALYSED_KINDS, Document, RawDocument, Segment, SegmentKind, Status

__all__ = ["prepare_document"]

MIN_LETTERS = 20


def prepare_document(raw: RawDocument, settings: Settings) -> Document:
    """Extract, normalise and segment a raw document; give it its id, language and MinHash.

    Its date is decided here, once: dates that could not be read on the way (an ambiguous date
    in the markup, read later from the dateline in the URL's locale) are warned about only if
    the document stays undated, each once.
    """
    now = datetime.now(UTC)
    with date_notes() as notes:
        raw, text, segments = _segmented(raw)
        published, published_from = publication_date(raw, text, segments, now)
    if published is None:  # the source's own string was warned about when it was read
        warn_notes(notes, told=raw.published_text)
    analysed = [text[s.start : s.end] for s in segments if s.kind in ANALYSED_KINDS]
    letters = _letters(analysed, MIN_LETTERS)
    if letters < MIN_LETTERS:
        raise InputError(raw.origin, f"no text to analyse ({letters} letters outside boilerplate)")
    article = "\n".join(
        text[s.start : s.end]
        for s in segments
        if s.kind in (SegmentKind.HEADLINE, SegmentKind.BODY)
    )
    basis = article or "\n".join(analysed)  # comment-only threads are judged by their comments
    language, confidence = detect_language(basis)
    # titles get the text's repair (mojibake, Unicode, whitespace): they are shown and searched
    title = squash(normalize_text(raw.title or "")) or next(
        (text[s.start : s.end] for s in segments if s.kind is SegmentKind.HEADLINE), None
    )
    doc = Document(
        doc_id=content_hash("\n".join(analysed)),
        origin=raw.origin,
        text=text,
        segments=segments,
        url=raw.url,
        source=raw.source,
        title=title,
        published=published,
        published_from=published_from,
        language=language,
        language_confidence=confidence,
        ingested_at=now,
        minhash=minhash_signature(basis),
    )
    if language not in settings.languages:
        doc.status = Status.NOT_ANALYSED
        doc.status_reason = (
            f"language {language} is not analysed (analysed: {', '.join(settings.languages)})"
            if language
            else "language could not be identified"
        )
    return doc


def _letters(parts: list[str], enough: int) -> int:
    """How many letters the parts hold, counted up to `enough` (past it, the count stops)."""
    count = 0
    for part in parts:
        count += sum(c.isalpha() for c in part[: enough * 8])  # (most of a part is letters)
        if count >= enough:
            return count
        count += sum(c.isalpha() for c in part[enough * 8 :])
    return count


def _segmented(raw: RawDocument) -> tuple[RawDocument, str, list[Segment]]:
    """The raw document with its page's blocks, title and date read, its text and segments."""
    if raw.html is not None and raw.blocks is None:
        page = extract_page(raw.html, raw.origin)
        raw = raw.model_copy(
            update={
                "blocks": page.blocks,
                "title": raw.title or page.title,
                "source": raw.source or page.source,
                "published": raw.published or page.published,
                "published_from": raw.published_from
                or ("source" if raw.published else "metadata" if page.published else None),
                "locale": raw.locale or page.locale,
            }
        )
    text, segments = segment_document(raw)
    return raw, text, segments
