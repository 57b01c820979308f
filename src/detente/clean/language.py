"""Language identification: English function words settle most English text; lingua's n-gram
models decide the rest."""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_SAMPLE_CHARS = 300  # a headline and lead (~80 words) identify a language; lingua costs per char
_MIN_LETTERS = 12
_WORD = re.compile(r"[^\W\d_]+")
# Short news texts are full of names (Putin, Pyongyang) that pull n-gram models towards
# Tagalog or Malay; the share of English function words does not move with names.
# "a", "in", "on", "no", "as" are left out: they are words in French, German, Spanish too.
_ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the an and or but of at to for from by with about into over after before
    is are was were be been has have had will would should could can may might must
    that this these those which who whom whose what it its their his her he she they we
    not than then there said says also while during
    """.split()  # noqa: SIM905
)
_ENGLISH_SHARE = 0.2
# A short headline (Title Case, names, no "the") is where n-gram models fail most: 5% of short
# English headlines came out Latin, Tagalog or Norwegian. Below `_SHORT` letters, text that holds
# no function word of the languages English is confused with is English when it holds an
# English marker word (the list above, and words no neighbour spells alike) or when English is
# among the detector's first three guesses; one foreign function word keeps the detector's say.
_ENGLISH_MARKERS = _ENGLISH_FUNCTION_WORDS | frozenset(
    "you your why how when who all just out up more my our me new every here do does did vs".split()  # noqa: SIM905
)
_OTHER_FUNCTION_WORDS = frozenset(
    """
    le la les un une des du et est sur pour dans avec par au aux ce cette qui que ne pas
    der das den dem und ist mit für auf ein eine einer nicht von zu im bei nach über gegen
    el los las y con por para del una es su como más il lo gli della di che per non sono nel
    alla delle degli os dos das em com uma não ao pelo pela het een en van voor met op aan bij
    niet zijn naar tegen och att är för med på av till inte som ett og er til ikke paa yang dan
    ke dari untuk dengan ini itu pada tidak ang ng mga sa si ni kay para w z się nie jest od
    przez dla ve bir ile bu için
    """.split()  # noqa: SIM905
)
_SHORT_GUESSES = 3
_SHORT = 200  # letters; below this n-gram models are unreliable on name-heavy news text


# Text that already reads as English (function words) is checked against English and the
# languages it is most often confused with, in a tenth of the time of all 75; when that check
# does not say English, the full detector decides.
_NEIGHBOURS = [
    "ENGLISH",
    "DUTCH",
    "AFRIKAANS",
    "GERMAN",
    "DANISH",
    "BOKMAL",
    "SWEDISH",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "ITALIAN",
    "TAGALOG",
    "MALAY",
    "INDONESIAN",
]
_LOOKS_ENGLISH = 0.15  # share of English function words
_SURE = 0.9
# English function words at an eighth of the words and no function word of another language in
# lower case: English whatever the n-gram models make of its names (other news stays under 0.06).
_NAMES_ENGLISH = 0.12
# A sample of 30 words or more, a fifth of them English function words, is English: news text in
# other languages, Dutch and Afrikaans included, stays under 0.06 on this list, English news
# over 0.15. Such text, most of an English corpus, needs no n-gram model at all.
_CLEARLY_ENGLISH = 0.2
_ENOUGH_WORDS = 30
_SURE_OF_WORDS = 0.99


@cache
def _detector(near_english: bool = False) -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: ample for paragraphs, quick to load.
    if near_english:
        builder = LanguageDetectorBuilder.from_languages(
            *(getattr(Language, n) for n in _NEIGHBOURS)
        )
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
    return builder.with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and confidence, or (None, 0.0) when the text says too little."""
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    letters = sum(len(w) for w in words)
    if letters < _MIN_LETTERS:
        return None, 0.0
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share >= _CLEARLY_ENGLISH and len(words) >= _ENOUGH_WORDS:
        return "en", _SURE_OF_WORDS
    if share >= _LOOKS_ENGLISH:
        values = _detector(near_english=True).compute_language_confidence_values(sample)
        if values and values[0].language == Language.ENGLISH and values[0].value >= _SURE:
            return "en", round(values[0].value, 4)
    if share >= _NAMES_ENGLISH and not any(
        w in _OTHER_FUNCTION_WORDS for w in _WORD.findall(sample) if w.islower()
    ):  # names pulled the models away ("Phan Van Giang … Teodoro" reads as Tagalog)
        return "en", _SURE
    values = _detector().compute_language_confidence_values(sample)
    best = values[0] if values else None
    if best is not None and best.language.iso_code_639_1.name == "EN":
        return "en", round(best.value, 4)
    if letters < _SHORT and len(words) >= 4 and share >= _ENGLISH_SHARE:
        return "en", round(min(0.99, 2 * share), 4)
    if letters < _SHORT and (english := _short_english(words, sample)) is not None:
        return "en", english
    if letters < _SHORT and (english := _english_vocabulary(sample)) is not None:
        return "en", english
    if best is None or best.value < 0.3:
        return None, 0.0
    return best.language.iso_code_639_1.name.lower(), round(best.value, 4)


def _short_english(words: list[str], sample: str) -> float | None:
    """English's confidence for a short text the detector put elsewhere, when the text holds no
    function word of another language and an English marker word or English among the first
    guesses on the lower-cased text (Title Case misleads the models; see `_ENGLISH_MARKERS`);
    else None."""
    if any(w in _OTHER_FUNCTION_WORDS for w in words):
        return None
    if _vocabulary_share(sample) < _FOREIGN_VOCABULARY:  # "Macron annonce nouvelles mesures"
        return None
    values = _detector().compute_language_confidence_values(sample.lower())
    english = next((v.value for v in values if v.language == Language.ENGLISH), 0.0)
    guesses = [v.language for v in values[:_SHORT_GUESSES]]
    if any(w in _ENGLISH_MARKERS for w in words) or Language.ENGLISH in guesses:
        return round(max(english, 0.01), 4)
    return None


# A short headline is mostly names ("Candela completes Bolton switch", "Krispy Kreme shares hit")
# that pull n-gram models to Catalan or Spanish. Its words in lower case (in Title Case, all but
# the first) carry the language: when at least this share of them are English dictionary words
# (the English model's WordNet lemma index, after plain inflections are stripped) and no
# function word of another language is there, the text is English.
_VOCABULARY_SHARE = 0.6
_VOCABULARY_CONFIDENCE = 0.6
_FOREIGN_VOCABULARY = 0.34  # under this share, a short text is not English by guesswork
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
             ("ed", "e"), ("d", ""))  # fmt: skip


@cache
def _english_words() -> frozenset[str]:
    """The English lemmas of the spaCy model's lemmatizer tables (empty when it is absent)."""
    from detente.nlp import MODEL

    spec = find_spec(MODEL)
    if spec is None or spec.origin is None:
        return frozenset()
    found = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups"), None)
    if found is None:
        return frozenset()
    from spacy.lookups import Lookups

    index = Lookups().from_disk(found).get_table("lemma_index")
    words: set[str] = set()
    for part in index:
        words.update(index[part])
    return frozenset(words)


def english_word(word: str) -> bool:
    """Whether a lower-case word is an English dictionary word or a plain inflection of one."""
    vocabulary = _english_words()
    if word in vocabulary or word in _ENGLISH_MARKERS:
        return True
    return any(
        word.endswith(end) and len(word) > len(end) + 2 and word[: -len(end)] + add in vocabulary
        for end, add in _SUFFIXES
    )


def _english_vocabulary(sample: str) -> float | None:
    """English's confidence for a short text whose lower-case words (all but the first in Title
    Case) are mostly English dictionary words, with no function word of another language; else
    None."""
    written = _WORD.findall(sample)
    if any(w.lower() in _OTHER_FUNCTION_WORDS for w in written):
        return None
    if _english_words() and _vocabulary_share(sample) >= _VOCABULARY_SHARE:
        return _VOCABULARY_CONFIDENCE
    return None


def _vocabulary_share(sample: str) -> float:
    """The share of a text's lower-case words (all but the first in Title Case) that are English
    dictionary words; 1.0 when it has none or the dictionary is absent (no evidence either way
    is no evidence against English)."""
    written = _WORD.findall(sample)
    lower = [w for w in written if w.islower()] or [w.lower() for w in written[1:]]
    if not lower or not _english_words():
        return 1.0
    return sum(english_word(w) for w in lower) / len(lower)
