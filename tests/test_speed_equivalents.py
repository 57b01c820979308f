"""The quick ways the analysers read a parse give what the plain spaCy ways give.

Linking, quotes and signals read token attributes from arrays, join texts once and count letters
at C speed instead of making a `Token` per word (`detente bench` must stay at 0.6× bare spaCy or
better); each shortcut here is checked against the plain way it replaces, on texts written to
catch the edges (spaces, emoji, accents, Title Case, capitals, long texts parsed in pieces).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors.kb import load_kb
from detente.actors.places import SpanTexts
from detente.actors.recase import mostly_capitals, odd_case
from detente.nlp import load_nlp, lowers, parse_texts

TEXTS = [
    "Mr Blair met President Putin in Moscow on Tuesday.",
    '  Two spaces  lead, and\ttabs follow; “curly” and "straight" marks.',
    "Emoji 😀 sit beside 𝔘nicode letters and a zero\u200bwidth space.\n\nA second paragraph.",
    "RIOT POLICE CLASH WITH PROTESTERS IN KARACHI",
    "Élysée says Ærø and Łódź are not in the Gulf of Oman",
    "x",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_lowers_are_every_tokens_lower_case_and_kept_with_the_parse(nlp) -> None:
    for text in TEXTS:
        doc = nlp(text)
        assert lowers(doc) == [t.lower_ for t in doc]
        assert lowers(doc) is lowers(doc)  # read once per parse


def test_lowers_of_an_empty_parse_are_empty(nlp) -> None:
    assert lowers(nlp("")) == []


def test_span_texts_are_the_spans_texts_for_every_token_range(nlp) -> None:
    for text in TEXTS:
        doc = nlp(text)
        texts = SpanTexts(doc)
        for start in range(len(doc)):
            for end in range(start + 1, len(doc) + 1):
                assert texts(start, end) == doc[start:end].text
        assert texts(2, 2) == ""


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


CASES = [
    "RUSSIA WARNS UKRAINE OVER GRAIN DEAL",
    "Russia Warns Ukraine Over Grain Deal",
    "russia warns ukraine over grain deal",
    "Russia warns Ukraine over the grain deal",
    "ÉTAT D'URGENCE DÉCLARÉ À PARIS",
    "état d'urgence déclaré à paris",
    "ǅemal ǅabić visits Ⓐ city",  # title-case letters, a circled capital that is no letter
    "日本 首相 訪問 中国",  # letters with no case
    "NATO and the EU: 3 DAYS LEFT!",
    "",
    "1234 5678 !!!",
]


@pytest.mark.parametrize("text", CASES)
def test_capitals_are_counted_as_per_character(text: str) -> None:
    assert mostly_capitals(text) == _mostly_capitals(text)


def test_odd_case_reads_headline_styles_and_not_sentences() -> None:
    assert odd_case("RUSSIA WARNS UKRAINE OVER GRAIN DEAL")
    assert odd_case("Russia Warns Ukraine Over Grain Deal")
    assert odd_case("russia warns ukraine over grain deal")
    assert odd_case("ÉTAT D'URGENCE DÉCLARÉ À PARIS")
    assert odd_case("日本 首相 訪問 中国") is False  # letters with no case are no lower case
    assert not odd_case("Russia warns Ukraine over the grain deal")
    assert not odd_case("ÉTAT d'urgence déclaré à Paris par le gouvernement")


def test_long_texts_parsed_in_pieces_keep_their_text_exactly(nlp) -> None:
    texts = [
        "word " * 400 + ". " + "Another sentence here. " * 300,
        "A line\n" * 900,
        "  leading spaces\n\n and\ttabs  ",
        "no end " * 300,
    ]
    docs = list(parse_texts(nlp, ((t, f"text {i}") for i, t in enumerate(texts)), 8))
    assert [d.text for d in docs] == texts


def test_office_holders_are_the_same_when_asked_again() -> None:
    kb = load_kb()
    title = kb.title_for("prime minister")
    assert title is not None
    first = kb.holders("GBR", title, date(2005, 3, 1))
    again = kb.holders("GBR", title, date(2005, 3, 1))
    assert [p.id for p, _ in first] == [p.id for p, _ in again]
    assert [p.name for p, _ in first] == ["Tony Blair"]
    again.clear()  # a caller's copy: the remembered answer stays
    assert kb.holders("GBR", title, date(2005, 3, 1)) == first
    later = kb.holders("GBR", title, date(2008, 3, 1))
    assert [p.name for p, _ in later] == ["Gordon Brown"]


# ---- cleaning, duplicate keys, data files, re-casing (start-up and per-document shortcuts) ----

FTFY_TEXTS = [
    "plain ASCII line\nand another\n",
    "Tom &amp; Jerry\nx < y\n&lt;b&gt; after markup stays escaped",
    "x < y first\nTom &amp; Jerry",
    "cafÃ© au lait\nplain line\n\nâ€œquotedâ€\x9d and it&#x2019;s",
    "\x1b[31mred\x1b[0m\r\nwindows\rmac\x00\x07bell\x0cfeed",
    "ＬＯＵＤ　ＮＯＩＳＥＳ and ﬂubberiﬁc\u2028separated\u2029",
    "e\u0301 decomposed, £5 and 😀\n\n\n   indented &hellip;",
    "",
    "\n",
]


def test_ftfy_is_called_only_where_it_would_change_a_line() -> None:
    import random

    import ftfy

    from detente.clean.normalize import TYPOGRAPHY, _fix_text

    rng = random.Random(3)
    alphabet = list("ab &<>\n\r\t;#xÃ©€œ\x9d\x1b\x00\u0301ﬂＬ£")
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    # typographic quotes and dashes, which ftfy is not called on, beside ASCII and each other,
    # and beside what could make them mojibake ("”£", "â€™")
    typography = list("ab z.,:;'\"\n") + list(TYPOGRAPHY) * 3 + list("£€âÃ\x9d")
    fuzz += [
        "".join(rng.choice(typography) for _ in range(rng.randint(1, 30))) for _ in range(6000)
    ]
    for text in FTFY_TEXTS + fuzz:
        assert _fix_text(text) == ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def test_minhash_signatures_are_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch", minversion="2.0", reason="the reference")

    from detente.clean.dedup import _WORD, SHINGLE, minhash_signature

    def reference(text: str) -> list[int]:
        words = _WORD.findall(text.casefold())
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - 2))}
        sketch = datasketch.MinHash(num_perm=128, seed=1, scheme="affine32")
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        return [int(v) for v in sketch.hashvalues]

    texts = [*TEXTS, *FTFY_TEXTS, "one two", "word " * 3000, " ".join(map(str, range(2000)))]
    for text in texts:
        assert minhash_signature(text) == reference(text)


def test_segmentation_patterns_joined_match_as_one_by_one() -> None:
    from detente.clean.segment import load_rules

    rules = load_rules()
    lines = [
        "[deleted]", "(Removed)", "*deleted*", "Comments", "Show 12 comments", "Advertisement",
        "Share this article", "Page not found", "Oops! We can't find that page.", "Sign up",
        "Follow us on Twitter", "u/someone · 3h", "Ann said:", "The minister said on Monday.",
        "Read more", "  Related stories  ", "", "Subscribe to our newsletter",
    ]  # fmt: skip
    for line in lines:
        for patterns, joined in [
            (rules.moderation, rules.is_removed),
            (rules.thread_headings, rules.is_thread_heading),
            (rules.boilerplate, rules.is_boilerplate),
            (rules.not_found, rules.says_not_found),
        ]:
            if joined == rules.is_removed:
                core = line.strip(" \t[](){}<>*_.!-–—:")
                one_by_one = bool(core) and len(core) <= 200 and rules._any(patterns, core)
            else:
                one_by_one = rules._any(patterns, line) is not None
            assert joined(line) == bool(one_by_one), (line, joined.__name__)


def test_data_files_load_as_with_the_pure_python_loader() -> None:
    from importlib import resources

    import yaml

    from detente.yamlfiles import load_yaml

    root = resources.files("detente")
    files = [
        p
        for package in ("actors", "clean", "events", "signals", "quotes", "parse", "knowledge")
        if (root / package).is_dir()
        for p in Path(str(root / package)).rglob("*.yaml")
    ]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.safe_load(text), path
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [unclosed")


def test_a_parse_marked_recased_links_as_if_recased_again(nlp) -> None:
    from detente.actors.link import get_linker
    from detente.actors.recase import RECASE_TRIED
    from detente.parse.units import Unit

    linker = get_linker()
    texts = [
        "PUTIN WARNS FINLAND OVER NATO BASES",
        "Russia Warns Ukraine Over Grain Deal",
        "Mr Blair met President Putin in Moscow on Tuesday.",
    ]
    for text in texts:
        parsed_text = linker.recase_text(text)
        plain = Unit.of_text(0, 0, nlp(parsed_text), text, parsed_text)
        marked_doc = nlp(parsed_text)
        marked_doc.user_data[RECASE_TRIED] = True
        marked = Unit.of_text(0, 0, marked_doc, text, parsed_text)
        day = date(2005, 3, 1)
        assert linker.link([marked], day) == linker.link([plain], day)


def test_char_bounds_give_every_spans_characters(nlp) -> None:
    from detente.nlp import char_bounds

    for text in TEXTS:
        doc = nlp(text)
        bounds = char_bounds(doc)
        assert char_bounds(doc) is bounds  # read once per parse
        for start in range(len(doc)):
            for end in range(start + 1, len(doc) + 1):
                span = doc[start:end]
                assert (bounds[start][0], bounds[end - 1][0] + bounds[end - 1][1]) == (
                    span.start_char,
                    span.end_char,
                )


# --- quotes and signals (speed work on quotes/, signals/ less tone) ---------------------------

SIGNAL_TEXTS = [
    "UPDATE 2-Russia warns Ukraine. By John Smith",
    "upDaTe: the Kelvin sign \u212a and a long s in reſiled; 10:40 GMT Putin spoke.",
    "LONDON (Reuters) - The talks failed.\nMOSCOW (TASS) — They said so.",
    "UPDATİ 2- Turkish capitals: İSTANBUL and ıt are no ASCII letters.",
    "You won't believe what happened next! Here's why: you need to know THIS NOW.",
    "YOU WON'T BELIEVE IT. Brace yourſelf, it's too late. Forget everything you knew.",
    "The best and most dangerous, the worst and the greatest: “you” said the BIGGEST LIAR.",
    "Your government lied to you, yourself and yours; the NATO summit ended.",
    "",
    "x",
]


def test_pattern_needles_never_hide_a_match() -> None:
    import re

    from detente.signals.lexicon import load_signal_lexicon
    from detente.signals.needles import may_match, needles

    lexicon = load_signal_lexicon()
    patterns = [*lexicon.news_stamps, lexicon.body_clickbait]
    patterns += [p for rule in lexicon.headline.values() for p in rule.patterns]
    patterns += [re.compile(p, re.IGNORECASE) for p in (r"\bki\b", r"(a|b)c", r"x(abc|de)y")]
    texts = SIGNAL_TEXTS + [t.lower() for t in SIGNAL_TEXTS] + ["ac", "BC", "XDEY", "\u212ai"]
    for pattern in patterns:
        found = needles(pattern)
        for text in texts:
            if pattern.search(text):
                assert may_match(text, text.lower(), found), (pattern.pattern, text)
    assert needles(re.compile(r"\d+")) is None  # nothing to require: always searched
    assert needles(re.compile("ab|cd")) == ("ab", "cd")


def test_stamps_are_blanked_as_by_every_pattern_in_turn() -> None:
    from detente.signals.lexicon import load_signal_lexicon, without_stamps

    lexicon = load_signal_lexicon()
    for text in SIGNAL_TEXTS:
        plain = text
        for pattern in lexicon.news_stamps:
            plain = pattern.sub(lambda m: " " * len(m.group(0)), plain)
        assert without_stamps(text, lexicon) == plain


def _plain_habits(unit, written, lexicon):  # the per-token way `_sentence_habits` replaced
    from detente.signals.headline import SECOND_PERSON
    from detente.signals.sensational import _inside_quotes, _shouted

    counts = {"second_person": [], "superlative": [], "all_caps": []}
    for sent in unit.doc.sents:
        letters = capitals = 0
        shouted = []
        for t in sent:
            if t.lower_ in SECOND_PERSON and not _inside_quotes(t.idx, written):
                counts["second_person"].append(t.text)
            if t.tag_ in ("JJS", "RBS") and t.lower_ not in ("most", "least", "best"):
                counts["superlative"].append(t.text)
            if t.is_alpha:
                letters += 1
                word = written[t.idx : t.idx + len(t)]
                if word.isupper():
                    capitals += 1
                    if _shouted(word, lexicon):
                        shouted.append(word)
        if capitals < 0.6 * letters:
            counts["all_caps"] += shouted
    return counts


def test_body_habits_read_from_arrays_count_what_tokens_count(nlp) -> None:
    from detente.parse.units import Unit
    from detente.signals.lexicon import load_signal_lexicon, without_stamps
    from detente.signals.sensational import _sentence_habits, _words

    lexicon = load_signal_lexicon()
    for text in SIGNAL_TEXTS + TEXTS:
        unit = Unit.of_text(0, 0, nlp(text), text, text)
        written = without_stamps(text, lexicon)
        counts = {name: [] for name in ("second_person", "superlative", "all_caps")}
        counts |= {"exclamation": [], "question": []}
        words = _words(unit.doc, written)
        for sent in unit.doc.sents:
            said = written[sent.start_char : sent.end_char]
            _sentence_habits(sent, words, said, written, lexicon, counts)
        plain = _plain_habits(unit, written, lexicon)
        assert {k: counts[k] for k in plain} == plain, text


def test_reporting_lemmas_and_topic_words_read_from_arrays(nlp) -> None:
    from detente.parse.verbs import REPORTING
    from detente.quotes.indirect import _reporting
    from detente.signals.thread import _topic_words

    texts = [*TEXTS, "Kim confirmed that Seoul SAID it would reply; officials Denied the report."]
    for text in texts:
        doc = nlp(text)
        for t in doc:
            assert _reporting(t.lemma, doc.vocab.strings) == (t.lemma_.lower() in REPORTING)
        plain = [t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN") and t.is_alpha
                 and not t.is_stop and len(t) > 2]  # fmt: skip
        assert _topic_words(doc) == plain


def test_headline_terms_kept_as_the_word_by_word_rule_keeps_them() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    from detente.signals.headline import headline_terms, model_terms
    from detente.signals.lexicon import load_signal_lexicon

    lexicon = load_signal_lexicon()
    headlines = [
        "This Woman Said 17 Things You Won't Believe",
        "Blair says the election will be on 5 May, according to aides",
        "17 of the best things that happen when you quit",
        "The one thing that is why it is so",
        "",
    ]
    for text in headlines:
        kept = []
        for term in headline_terms(text):
            words = term.split()
            if any(w in lexicon.attribution_words for w in words):
                continue
            if words[0] == "<s>":
                words = words[1:]
                if words[0] in lexicon.openers:
                    kept.append(term)
                    continue
            if any(w == "<num>" or w not in STOP_WORDS for w in words) or (
                len(words) == 2 and any(w in lexicon.style_words for w in words)
            ):
                kept.append(term)
        assert model_terms(text, lexicon) == kept
        assert headline_terms(text) is not headline_terms(text)  # callers get their own list


def test_segment_tones_are_the_mean_of_their_sentences(nlp) -> None:
    from datetime import UTC, datetime

    from detente.model import Document, Segment, SegmentKind
    from detente.parse.units import Unit
    from detente.signals import compute_signals

    paragraphs = ["Great news for peace!", "A terrible, awful war. Hope returns. Fine.", "", "Ok."]
    text = "\n".join(paragraphs)
    offsets = [sum(len(p) + 1 for p in paragraphs[:i]) for i in range(len(paragraphs))]
    kinds = [SegmentKind.HEADLINE] + [SegmentKind.BODY] * 3
    segments = [Segment(kind=k, start=o, end=o + len(p))
                for k, o, p in zip(kinds, offsets, paragraphs, strict=True)]  # fmt: skip
    day = datetime(2005, 3, 1, tzinfo=UTC)
    doc = Document(doc_id="d", origin="test", text=text, segments=segments, ingested_at=day)
    pairs = enumerate(zip(offsets, paragraphs, strict=True))
    units = [Unit.of_text(i, o, nlp(p), p, p) for i, (o, p) in pairs]
    signals, sentence_tone = compute_signals(doc, units, [])
    for u in units:
        tones = [v for (seg, _), v in sentence_tone.items() if seg == u.segment]
        assert signals.segment_tones[u.segment] == round(sum(tones) / max(1, len(tones)), 4)
    article = list(sentence_tone.values())
    assert signals.tone == round(sum(article) / len(article), 4)
