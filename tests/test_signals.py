"""Quotes, tone, sensationalism and comment threads: our examples, the samples, the CLI."""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

import pytest

from detente.actors.link import get_linker
from detente.clean import prepare_document
from detente.config import Settings
from detente.model import Quote, RawDocument, Signals
from detente.parse.units import text_units
from detente.pipeline import run
from detente.quotes import find_quotes
from detente.signals import compute_signals, tone
from detente.store import Store

from .conftest import run_cli, run_eval

DAY = date(2024, 6, 19)


def quotes_of(text: str, day: date = DAY) -> list[Quote]:
    units = text_units(text)
    return find_quotes(units, get_linker(()).link(units, day))


def signals_of(text: str) -> Signals:
    """Signals of a plain text run through the real cleaning (headline, body, thread)."""
    from detente.nlp import load_nlp

    doc = prepare_document(RawDocument(origin="test.txt", text=text), Settings())
    nlp = load_nlp()
    from detente.model import ANALYSED_KINDS, SegmentKind
    from detente.parse.units import Unit

    units = [
        Unit(i, s.start, nlp(doc.segment_text(s)), s.kind is SegmentKind.COMMENT)
        for i, s in enumerate(doc.segments)
        if s.kind in ANALYSED_KINDS
    ]
    signals, _ = compute_signals(doc, units, get_linker(()).link(units, DAY))
    return signals


# ---- quotes ---------------------------------------------------------------------------------


def test_direct_quotes_split_by_attribution_continue_with_the_same_speaker() -> None:
    found = quotes_of(
        "“We will never accept the annexation,” Ukrainian President Volodymyr Zelensky said. "
        "“Crimea is Ukraine.”"
    )
    assert [(q.kind, q.speaker_person, q.verb) for q in found] == [
        ("direct", "volodymyr-zelensky", "say"),
        ("direct", "volodymyr-zelensky", "say"),
    ]
    assert found[1].text == "Crimea is Ukraine."


def test_partial_indirect_according_to_and_scare_quotes() -> None:
    partial = quotes_of("Putin called the talks “constructive”.")[0]
    assert (partial.kind, partial.speaker_person, partial.verb) == (
        "partial", "vladimir-putin", "call"
    )  # fmt: skip
    indirect = quotes_of("Seoul said that it would deploy more troops to the border.")[0]
    assert (indirect.kind, indirect.speaker_code, indirect.text) == (
        "indirect", "KOR", "it would deploy more troops to the border"
    )  # fmt: skip
    according = quotes_of(
        "The talks will resume next week, according to Kremlin spokesman Dmitry Peskov."
    )
    assert according[0].speaker_person == "dmitry-peskov" and according[0].kind == "indirect"
    scare = quotes_of("The so-called “peace plan” was published on Friday.")[0]
    assert scare.kind == "scare" and scare.speaker_code == ""


def test_offsets_point_into_the_text() -> None:
    text = "Line one.\n“We stand ready to help,” Qatar's prime minister told reporters in Doha."
    for q in quotes_of(text):
        assert text[q.start : q.end] == q.text


# ---- tone and sensationalism ------------------------------------------------------------------


def test_tone_and_tone_toward_actors() -> None:
    assert tone("Russia praised the excellent and friendly talks.") > 0.5
    assert tone("Russia condemned the brutal and horrific attack.") < -0.5
    signals = signals_of(
        "Talks and attacks\n\nChina praised the excellent, friendly talks with Brazil. "
        "Russia launched a brutal, deadly attack on Ukraine."
    )
    by_actor = {a.actor_code: a.tone for a in signals.actor_tones}
    assert by_actor["CHN"] > 0.3 and by_actor["UKR"] < -0.3


def test_sensationalism_separates_hype_from_wire_copy_with_reasons() -> None:
    hype = signals_of(
        "SHOCK: Puppet Regime Humiliates the West!\n\nYou won't believe this. The most "
        "explosive move yet has stunned everyone. Is this World War III? Brace yourself!"
    ).sensationalism
    sober = signals_of(
        "Finland joins NATO\n\nFinland became the 31st member of NATO on Tuesday, the "
        "alliance said. Foreign Minister Pekka Haavisto handed over the documents in Brussels."
    ).sensationalism
    assert hype.score > 0.8 > 0.2 > sober.score
    features = {r.feature for r in hype.reasons}
    assert {"exclamation", "second_person", "question", "hype", "loaded", "clickbait"} <= features
    # contributions are log-odds (the intercept and sober words push down) summing to the score
    assert all(r.examples and r.contribution != 0 for r in hype.reasons)
    logit = sum(r.contribution for r in hype.reasons)
    assert abs(1 / (1 + math.exp(-logit)) - hype.score) < 0.01


def test_thread_stances_and_moderation() -> None:
    signals = signals_of(
        "Russia and China hold talks\n\nRussia and China held talks in Beijing on Monday, "
        "officials said.\n\nComments\n\nalice: Russia is an unreliable partner and China knows it.\n\n"
        "bob: I think China is a strong and reliable friend.\n\n[removed]"
    )
    thread = signals.thread
    assert (thread.comments, thread.removed) == (3, 1)
    assert thread.main_actors[:2] == ["RUS", "CHN"] and thread.addressing_main_actors == 2
    stances = {(s.actor_code, s.stance) for s in thread.stances}
    assert ("RUS", "against") in stances and ("CHN", "favour") in stances
    against = next(s for s in thread.stances if s.actor_code == "RUS")
    assert "-unreliable" in against.cues


# ---- the shared samples, checked by hand ------------------------------------------------------


def stored(samples: Path, name: str, tmp_path: Path) -> tuple[list[tuple[str, ...]], Signals]:
    db = tmp_path / "s.duckdb"
    run([str(samples / name)], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        quotes = store.query(
            "SELECT kind, text, coalesce(speaker_person, ''), speaker_code FROM quotes ORDER BY idx"
        )
        (data,) = store.query("SELECT data FROM signals")[0]
    return quotes, Signals.model_validate_json(data)


def test_forum_sample_quotes_and_thread(samples: Path, tmp_path: Path) -> None:
    quotes, signals = stored(samples, "putin-kim-forum-thread.txt", tmp_path)
    kim = [text for kind, text, person, _ in quotes if person == "kim-jong-un"]
    assert [t[:30] for t in kim] == [
        "Russia has risen to a sacred f",
        "North Korea supports all Putin",
        "I’m sure we will remain togeth",
    ]
    assert not any(p == "vladimir-putin" for _, _, p, _ in quotes)  # nothing Kim said is Putin's
    peskov = [(k, t) for k, t, p, _ in quotes if p == "dmitry-peskov"]
    assert ("partial", "sensitive topics") in peskov
    thread = signals.thread
    assert (thread.comments, thread.removed) == (12, 3)
    assert thread.removed_share == 0.25
    assert thread.main_actors[:2] == ["RUS", "PRK"]
    assert {"korea", "taiwan", "deterrent"} <= set(thread.topics)
    assert signals.sensationalism.score < 0.2


def test_blog_sample_scores_clearly_above_the_news_excerpt(samples: Path, tmp_path: Path) -> None:
    _, blog = stored(samples, "kim-lavrov-blog.txt", tmp_path / "a")
    _, news = stored(samples, "putin-kim-forum-thread.txt", tmp_path / "b")
    assert blog.sensationalism.score >= 0.7 and news.sensationalism.score <= 0.2
    reasons = {r.feature: r for r in blog.sensationalism.reasons}
    assert "axis of evil" in reasons["loaded"].examples and "puppet" in reasons["loaded"].examples
    assert reasons["exclamation"].count >= 2 and reasons["question"].count >= 3


def test_blog_sample_quotes(samples: Path, tmp_path: Path) -> None:
    quotes, _ = stored(samples, "kim-lavrov-blog.txt", tmp_path)
    said = {(t, p) for _, t, p, _ in quotes}
    assert ("unconditional support", "kim-jong-un") in said
    assert ("very important moment", "kim-jong-un") in said
    assert ("invincible brotherhood", "sergey-lavrov") in said


# ---- CLI and evaluation -------------------------------------------------------------------------


def test_quotes_cli_and_show(tmp_path: Path, samples: Path) -> None:
    db = tmp_path / "s.duckdb"
    run([str(samples / "putin-kim-forum-thread.txt")], Settings(db=db))
    listed = run_cli("quotes", "--actor", "kim-jong-un", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert "North Korea supports" in listed.stdout and "Peskov" not in listed.stdout
    with Store.open(db, read_only=True) as store:
        (doc_id,) = store.query("SELECT doc_id FROM documents")[0]
    shown = run_cli("show", doc_id[:8], "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "thread 12 comments, 3 removed (25%)" in shown.stdout
    assert "sensationalism" in shown.stdout and "quote (direct) Kim Jong Un" in shown.stdout


@pytest.mark.parametrize(
    ("task", "pattern", "floor"),
    [("quotes", r"quote spans\s*│\s*\S+\s*│\s*\S+\s*│\s*(\d\.\d{3})", 0.9),
     ("sensational", r"AUC (\d\.\d{3})", 0.9)],
)  # fmt: skip
def test_eval_quotes_and_sensational(task: str, pattern: str, floor: float) -> None:
    report = run_eval(task)
    found = re.search(pattern, report, re.MULTILINE)
    assert found and float(found.group(1)) >= floor, report
