"""The records detente reads, computes and stores: plain, typed and serialisable (pydantic v2)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class SegmentKind(StrEnum):
    HEADLINE = "headline"
    BODY = "body"
    COMMENT = "comment"
    REMOVED_COMMENT = "removed_comment"
    BOILERPLATE = "boilerplate"


#: Segment kinds whose text is analysed; the others are kept for the record only.
ANALYSED_KINDS = frozenset({SegmentKind.HEADLINE, SegmentKind.BODY, SegmentKind.COMMENT})


class Status(StrEnum):
    PENDING = "pending"  # stored, not analysed yet (`detente ingest`)
    ANALYSED = "analysed"
    DUPLICATE = "duplicate"  # near-duplicate of `duplicate_of`; not analysed twice
    NOT_ANALYSED = "not_analysed"  # e.g. a language the pipeline does not analyse


class Block(Record):
    """A unit of text as a source delivered it, before segmentation (a line, paragraph, comment)."""

    text: str
    hint: SegmentKind | None = None  # what the source format already knows (HTML title, comment)
    author: str | None = None
    depth: int = 0  # nesting level in a comment thread
    posted: datetime | None = None  # when a comment says it was written


class RawDocument(Record):
    """What a reader yields: text or HTML plus whatever metadata the source had."""

    origin: str
    text: str | None = None
    html: str | None = None
    blocks: list[Block] | None = None  # set by readers that know the structure (feeds, HTML)
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_from: str | None = None  # where `published` came from (see Document)
    locale: str | None = None  # the source's locale (en-GB, fr): the order of numeric dates
    published_text: str | None = None  # a date the source gave that names no day ("2024")


class Segment(Record):
    kind: SegmentKind
    start: int
    end: int
    author: str | None = None
    parent: int | None = None  # index of the parent segment (comment replies)
    posted: datetime | None = None  # a comment's own timestamp, never the document's date


class Document(Record):
    doc_id: str
    origin: str
    text: str
    segments: list[Segment] = Field(default_factory=list)
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: datetime | None = None  # None: unknown, never guessed (see docs/dates.md)
    # source (the record or feed), metadata (HTML meta/JSON-LD), dateline (the text), url
    published_from: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    ingested_at: datetime
    status: Status = Status.PENDING
    status_reason: str | None = None
    duplicate_of: str | None = None
    minhash: list[int] | None = None

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]


class Sentence(Record):
    start: int
    end: int
    segment: int  # index into Document.segments
    tokens: int
    tone: float | None = None  # VADER compound, -1..1


class Entity(Record):
    """A named entity as the spaCy model found it, before actor linking."""

    start: int
    end: int
    label: str
    text: str


class Mention(Record):
    """A span of the document linked to an actor code ("" when the span names no known actor)."""

    start: int
    end: int
    text: str
    actor_code: str
    actor_name: str | None = None
    person: str | None = None  # stable id of the person meant (KB id, or a slug of the name)
    method: str  # name, alias, demonym, metonym, place, title, role, coreference, pronoun, ner
    confidence: float
    segment: int


class Evidence(Record):
    """Where the text says it: a character span of the document and its text."""

    start: int
    end: int
    text: str


class Event(Record):
    """Who did what to whom, as CAMEO codes, with the sentence that says so."""

    source: str  # actor code, "" when the text names no actor
    target: str
    source_name: str | None = None
    target_name: str | None = None
    source_person: str | None = None
    target_person: str | None = None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None = None
    plover_mode: str | None = None
    polarity: str  # asserted | negated
    modality: str  # factual | reported | hypothetical | future | intent
    background: bool = False  # told as context ("Moscow's invasion of Ukraine"), not as news
    speaker: str | None = None  # actor code of whoever is said to claim it
    date: str | None = None  # ISO date: stated in the text, else the publication date
    date_text: str | None = None  # the time expression the date came from
    date_precision: str | None = None  # day | week | month | year; None when `date` is None
    trigger: str  # the word that expresses it
    evidence: Evidence
    evidence_all: list[Evidence] = Field(default_factory=list)  # every sentence saying it
    confidence: float
    segment: int


class Quote(Record):
    """Something said, with who said it."""

    text: str
    kind: str  # direct | partial | indirect | scare (quoted words nobody is said to speak)
    start: int
    end: int
    speaker_text: str | None = None  # the speaker as the text names them ("he", "Kim")
    speaker_code: str = ""  # actor code, "" when unknown
    speaker_name: str | None = None
    speaker_person: str | None = None
    speaker_confidence: float | None = None  # 0–1, how the speaker was found; None: no speaker
    verb: str | None = None  # the reporting verb, or "according to"
    segment: int


class Reason(Record):
    """One feature behind a score: what it is, how often it occurs, what it added, examples."""

    feature: str
    count: int
    contribution: float
    examples: list[str] = Field(default_factory=list)


class Sensationalism(Record):
    score: float  # 0 (sober wire copy) to 1 (hype)
    reasons: list[Reason] = Field(default_factory=list)


class ActorTone(Record):
    """The tone toward an actor: what the sentences naming it say of it (signals/tone.py)."""

    actor_code: str
    person: str | None = None  # the person meant (mention's `person`); None: the code as a whole
    name: str | None = None  # the person's or actor's name, for display
    tone: float  # -1..1: mean P(positive) - P(negative) toward it, the writer's own sentences
    sentences: int  # sentences naming it, quoted ones included
    quoted_tone: float | None = None  # the same over sentences where it is named inside a quote
    quoted_sentences: int = 0
    negative: int = 0  # sentences negative toward it
    positive: int = 0


class Stance(Record):
    """A comment's stance toward an actor it names, with the cues that decided it."""

    segment: int
    actor_code: str
    stance: str  # favour | against | neutral
    score: float
    cues: list[str] = Field(default_factory=list)


class Thread(Record):
    comments: int  # comments in the thread, removed ones included
    removed: int
    removed_share: float
    main_actors: list[str] = Field(default_factory=list)  # the article's most-named actors
    addressing_main_actors: int = 0  # comments naming one of them
    topics: list[str] = Field(default_factory=list)
    tone: float | None = None  # mean tone of the comments
    stances: list[Stance] = Field(default_factory=list)


class Relation(Record):
    """A directed relation between two mentions of one sentence: the holder praises, supports,
    criticises, accuses, opposes or threatens the target (signals/relations.py)."""

    segment: int
    source_text: str  # the holder as written
    source_code: str  # its actor code ("" when the mention is not linked)
    target_text: str
    target_code: str
    kind: str  # praise | support | criticise | accuse | oppose | threaten | withhold | tone
    polarity: int  # 1: for the target, -1: against it
    cue: str  # the word that carries it
    evidence: Evidence  # the sentence


class Signals(Record):
    """How a piece is told: tone, sensationalism, and what its commenters think."""

    tone: float | None = None  # the article (headline and body), -1..1
    segment_tones: dict[int, float] = Field(default_factory=dict)
    actor_tones: list[ActorTone] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    sensationalism: Sensationalism = Field(default_factory=lambda: Sensationalism(score=0.0))
    thread: Thread = Field(default_factory=lambda: Thread(comments=0, removed=0, removed_share=0.0))


class Analysis(Record):
    """Everything the per-document pipeline computed for one document."""

    doc_id: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    signals: Signals | None = None
    tokens: int = 0
