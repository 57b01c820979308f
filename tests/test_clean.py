"""Language identification and duplicate keys, on texts written for these tests."""

from __future__ import annotations

import pytest
from datasketch import MinHash

from detente.clean.dedup import NUM_PERM, minhash_signature
from detente.clean.language import detect_language

# News-style paragraphs: English ones heavy with foreign names (what pulls n-gram models off),
# and the languages most often confused with English.
LANGUAGES = [
    (
        "en",
        "Tokayev and Mirziyoyev met in Tashkent on Tuesday, where Uzbekistan's Saidov said "
        "the two governments had agreed to expand rail links through Turkmenistan.",
    ),
    (
        "en",
        "Ramaphosa, Tinubu and Ruto urged Kagame and Tshisekedi to return to talks in Luanda.",
    ),
    # names that pull n-gram models elsewhere ("Van", "de", "Teodoro"), in English sentences
    (
        "en",
        "General Phan Van Giang and Secretary Gilberto Teodoro signed a memorandum on defence "
        "cooperation in Manila, and Giang praised the Philippines as a partner for peace.",
    ),
    (
        "en",
        "Ferdinand Marcos and Rodrigo Duterte met Bongbong allies in Davao for talks on the "
        "coalition, with Sara Duterte at the table.",
    ),
    (
        "en",
        "Nguyen Phu Trong and Pham Minh Chinh hosted Anwar Ibrahim in Hanoi for talks on the "
        "sea lanes, with Datuk Seri Mohamad Hasan at the table.",
    ),
    ("en", "Pyongyang fires missile over Hokkaido as Seoul and Tokyo convene security council"),
    (
        "en",
        "The minister, who spoke to reporters in Jakarta, said that Indonesia would not join "
        'any bloc. "Kami tidak memihak," he added, before leaving for Kuala Lumpur.',
    ),
    (
        "fr",
        "Le ministre des Affaires étrangères a déclaré mardi que la France était prête à "
        "reprendre les discussions avec l'Algérie sur la question des visas.",
    ),
    (
        "de",
        "Der Bundeskanzler hat am Montag in Berlin erklärt, dass Deutschland die Ukraine "
        "weiterhin mit Luftabwehrsystemen unterstützen werde.",
    ),
    (
        "es",
        "El presidente de Colombia anunció que su gobierno reanudará el diálogo con el ELN "
        "después de las elecciones regionales del próximo mes.",
    ),
    (
        "it",
        "Il governo italiano ha convocato l'ambasciatore dopo le dichiarazioni del ministro "
        "sulla gestione dei flussi migratori nel Mediterraneo.",
    ),
    (
        "nl",
        "De minister van Buitenlandse Zaken zei dinsdag dat Nederland de sancties tegen Iran "
        "wil uitbreiden als de onderhandelingen over het akkoord mislukken.",
    ),
    (
        "af",
        "Die minister van buitelandse sake het Dinsdag gesê dat Suid-Afrika nie by die sanksies "
        "sal aansluit nie, maar dat die regering wel met albei kante sal bly praat.",
    ),
    (
        "pt",
        "O presidente brasileiro afirmou que o país não vai aderir às sanções contra a Rússia "
        "e defendeu uma solução negociada para a guerra.",
    ),
    (
        "id",
        "Menteri Luar Negeri Indonesia mengatakan bahwa pemerintah akan mengirim bantuan "
        "kemanusiaan ke Gaza melalui jalur darat dari Mesir.",
    ),
    (
        "tl",
        "Sinabi ng kalihim ng ugnayang panlabas na hindi papayag ang Pilipinas na mawala ang "
        "karapatan nito sa mga isla sa West Philippine Sea.",
    ),
    (
        "sv",
        "Utrikesministern sade på onsdagen att Sverige kommer att skicka fler soldater till "
        "Natos styrkor i Lettland under nästa år.",
    ),
    (
        "ru",
        "Министр иностранных дел заявил, что Россия готова продолжить переговоры с "
        "Соединенными Штатами по стратегической стабильности.",
    ),
    ("zh", "外交部发言人表示，中国愿与各方一道，推动朝鲜半岛问题的政治解决进程。"),
    (
        "ar",
        "قال وزير الخارجية إن بلاده مستعدة لاستئناف المفاوضات بشأن الملف النووي خلال الأسابيع "
        "المقبلة.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), LANGUAGES, ids=lambda value: value[:24])
def test_language_of_news_text(expected: str, text: str) -> None:
    language, confidence = detect_language(text)
    assert language == expected
    assert 0.3 <= confidence <= 1.0


@pytest.mark.parametrize(("expected", "text"), LANGUAGES, ids=lambda value: value[:24])
def test_language_of_longer_text_where_english_function_words_decide(
    expected: str, text: str
) -> None:
    """Two paragraphs (30 words and more): English ones are known by their function words alone,
    and those words are rare enough elsewhere that no other language is taken for English."""
    language, confidence = detect_language(f"{text}\n\n{text}")
    assert language == expected
    if expected == "en":
        assert confidence >= 0.9


def test_text_too_short_to_tell_has_no_language() -> None:
    assert detect_language("OK 42") == (None, 0.0)


def test_minhash_signature_is_that_of_a_fresh_seeded_minhash() -> None:
    """Signatures are stored: a faster computation must give the same values."""
    text = "Ministers from both countries met in Geneva to discuss the ceasefire and prisoners."
    words = text.casefold().replace(".", "").split()
    fresh = MinHash(num_perm=NUM_PERM, seed=1)
    fresh.update_batch({" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)})
    assert minhash_signature(text) == [int(v) for v in fresh.hashvalues]
    assert minhash_signature(text) == minhash_signature(text.upper())
