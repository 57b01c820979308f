"""Actor linking: the knowledge base, dated offices, titles, coreference, the samples, the CLI."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from detente.actors.kb import KBError, load_kb
from detente.actors.link import Linker, link_text
from detente.config import Settings
from detente.model import Mention
from detente.nlp import load_nlp
from detente.pipeline import run
from detente.store import MIGRATIONS, Store

from .conftest import run_cli, run_eval


def link(text: str, day: date, kb: tuple[str, ...] = (), thread: bool = False) -> list[Mention]:
    """Link a text whose lines are segments, as the pipeline does."""
    return link_text(text, day, kb, 0 if thread else None)


def linked(mentions: list[Mention]) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.actor_code, m.person) for m in mentions if m.actor_code]


# ---- the knowledge base -------------------------------------------------------------------


def test_kb_covers_every_iso_country_with_demonyms_capitals_and_codes() -> None:
    import pycountry

    kb = load_kb()
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso <= {code for code, a in kb.actors.items() if a.kind == "country"}
    assert [t.code for t in kb.targets("North Korean")] == ["PRK"]
    assert [t.code for t in kb.targets("Democratic People's Republic of Korea")] == ["PRK"]
    assert [(t.code, t.method) for t in kb.targets("Pyongyang")] == [("PRK", "metonym")]
    assert [t.code for t in kb.targets("the Kremlin")] == ["RUSGOV"]
    assert [t.code for t in kb.targets("Kiev")] == ["UKR"]
    assert kb.name_of("RUSMIL") == "Russia (military)"
    assert kb.country_of("PRKGOV") == "PRK" and kb.country_of("IGOWSTNAT") is None
    # at least 40 countries have a dated head of state or government
    leaders = {r.actor[:3] for p in kb.people.values() for r in p.roles if r.leader}
    assert len(leaders) >= 40


def test_ambiguous_names_keep_every_reading() -> None:
    kb = load_kb()
    assert {t.code for t in kb.targets("Congolese")} == {"COD", "COG"}
    # an organisation's name is a stronger reading than a capital city
    assert [t.code for t in kb.targets("Brussels")] == ["IGOEUREEC", "BEL"]


def test_user_kb_adds_people_and_organisations_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "as_of: 2030-01-01\n"
        "actors:\n"
        "  - {code: IGOARC, name: Arctic Council, kind: organisation, aliases: [the Arctic Council]}\n"
        "  - {code: IGOUNO, name: UN (ours), kind: organisation, aliases: [UN, the United Nations]}\n"
        "people:\n"
        "  - name: Ingrid Solberg\n"
        "    gender: f\n"
        "    aliases: [Solberg]\n"
        "    roles:\n"
        "      - {actor: NORGOV, title: foreign minister, start: 2029-02-01}\n"
    )
    kb = load_kb([extra])
    assert kb.actors["IGOUNO"].name == "UN (ours)" and kb.as_of == date(2030, 1, 1)
    found = linked(
        link(
            "Solberg told the Arctic Council that the UN must act.", date(2029, 6, 1), (str(extra),)
        )
    )
    assert found == [
        ("Solberg", "NORGOV", "ingrid-solberg"),
        ("the Arctic Council", "IGOARC", None),
        ("UN", "IGOUNO", None),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("actors: [ {code: x, name: Y, kind: bloc} ]", "actors entry 1 (x): code must be"),
        ("people:\n  - {name: A B, roles: [{actor: RUSGOV, title: tsar, start: 2020-01-01}]}",
         "people entry 1 (A B): unknown title 'tsar'"),
        ("people:\n  - {name: A B, roles: [{actor: RUSGOV, title: president, start: soon}]}",
         "'soon' is not a date"),
        ("people:\n  - {name: A B, roles: [{actor: XYZGOV, title: president, start: 2020}]}",
         "unknown actor code 'XYZGOV'"),
        ("actors: {oops", "is not valid YAML"),
        ("colours: [red]", "unknown section(s) colours"),
    ],
)  # fmt: skip
def test_bad_kb_file_is_an_error_naming_file_and_entry(
    tmp_path: Path, content: str, expected: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(KBError) as error:
        load_kb([bad])
    assert str(bad) in str(error.value) or "people (" in str(error.value)
    assert expected in str(error.value)


def test_cli_refuses_a_bad_kb_before_storing_anything(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {name: A B, roles: []}\n")
    doc = tmp_path / "a.txt"
    doc.write_text("Russia and China held talks on Monday about trade and security.")
    result = run_cli("analyze", str(doc), "--kb", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert "bad.yaml" in result.stderr and "no roles" in result.stderr


# ---- linking ------------------------------------------------------------------------------


def test_offices_resolve_by_document_date() -> None:
    text = "The US president met the Japanese prime minister and the German chancellor."
    people = {
        year: [m.person for m in link(text, date(year, 6, 1)) if m.person] for year in (2019, 2023)
    }
    assert people[2019] == ["donald-trump", "shinzo-abe", "angela-merkel"]
    assert people[2023] == ["joe-biden", "fumio-kishida", "olaf-scholz"]
    # after the KB's as-of date the office holder is still linked, with less confidence
    later = link(text, date(2031, 1, 1))
    assert later[0].person == "donald-trump" and later[0].confidence < 0.88
    # a former holder acts as his country's elite
    assert linked(link("Obama spoke in Chicago.", date(2020, 5, 1))) == [
        ("Obama", "USAELI", "barack-obama")
    ]


def test_titles_give_unknown_people_a_code_that_later_mentions_keep() -> None:
    found = link(
        "Kremlin spokesman Ivan Petrovsky said talks would go on.\n"
        "Petrovsky added that he expected no breakthrough.\n"
        "Kenyan army commander Samuel Otieno met Dmitri Volkov, the Russian deputy defence minister.",
        date(2024, 3, 1),
    )
    rows = [(m.text, m.actor_code, m.method) for m in found if m.actor_code]
    assert rows[:3] == [
        ("Kremlin spokesman Ivan Petrovsky", "RUSGOV", "title"),
        ("Petrovsky", "RUSGOV", "coreference"),
        ("he", "RUSGOV", "pronoun"),
    ]
    assert ("Kenyan army commander Samuel Otieno", "KENMIL", "title") in rows
    assert ("Dmitri Volkov", "RUSGOV", "title") in rows  # from the apposition


def test_roles_coordination_and_pairs() -> None:
    found = linked(
        link(
            "Russian troops and Chinese warships joined the drills. North Korean officials "
            "watched.\nFinland and Sweden applied to join NATO. Moscow said the two countries "
            "would regret it.",
            date(2022, 5, 18),
        )
    )
    assert ("Russian troops", "RUSMIL", None) in found
    assert ("Chinese warships", "CHNMIL", None) in found
    assert ("North Korean officials", "PRKGOV", None) in found
    pair = [code for text, code, _ in found if text == "the two countries"]
    assert sorted(pair) == ["FIN", "SWE"]


def test_ambiguous_name_is_resolved_by_context_or_kept_with_low_confidence() -> None:
    alone = link("Congolese troops crossed the river on Monday.", date(2024, 1, 1))
    assert alone[0].confidence < 0.5
    context = link(
        "The Democratic Republic of the Congo accused Rwanda. Congolese troops crossed the river.",
        date(2024, 1, 1),
    )
    congolese = next(m for m in context if m.text.startswith("Congolese"))
    assert congolese.actor_code.startswith("COD") and 0.5 < congolese.confidence < 0.8


def test_places_and_case_are_not_mistaken_for_actors() -> None:
    found = linked(
        link(
            "Leaders met in Brussels. The west of the country was quiet, and a trump card was "
            "played. Georgia Meloni is not a person we know.",
            date(2024, 1, 1),
        )
    )
    assert found == [("Georgia", "GEO", None)] or found == []


def test_pronouns_follow_the_governing_subject_only_when_safe() -> None:
    found = link(
        "Vladimir Putin met Xi Jinping in Beijing. He said the talks were useful.\n"
        "Ukrainian Foreign Minister Dmytro Kuleba urged the Chinese leader to use his influence.",
        date(2023, 3, 20),
    )
    pronouns = [(m.text, m.person) for m in found if m.method == "pronoun"]
    assert pronouns == [("He", "vladimir-putin"), ("his", "xi-jinping")]


def test_linking_is_per_document_deterministic_and_offsets_match() -> None:
    text = "North Korea’s leader Kim Jong Un met Putin.\nKim thanked the Russian leader."
    first, second = link(text, date(2024, 6, 19)), link(text, date(2024, 6, 19))
    assert first == second
    assert all(text[m.start : m.end] == m.text for m in first)
    assert linked(first) == [
        ("North Korea’s leader Kim Jong Un", "PRKGOV", "kim-jong-un"),
        ("Putin", "RUSGOV", "vladimir-putin"),
        ("Kim", "PRKGOV", "kim-jong-un"),
        ("Russian leader", "RUSGOV", "vladimir-putin"),
    ]


# ---- the shared samples, checked by hand ------------------------------------------------------


def sample_mentions(samples: Path, name: str, tmp_path: Path) -> list[tuple[str, str, str | None]]:
    db = tmp_path / "s.duckdb"
    run([str(samples / name)], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        return [
            (t, c, p)
            for t, c, p in store.query(
                "SELECT m.text, m.actor_code, m.person FROM mentions m JOIN segments s"
                " ON s.doc_id = m.doc_id AND s.idx = m.segment"
                " WHERE m.actor_code <> '' AND s.kind IN ('headline', 'body') ORDER BY m.idx"
            )
        ]


def test_forum_sample_article_actors(samples: Path, tmp_path: Path) -> None:
    found = sample_mentions(samples, "putin-kim-forum-thread.txt", tmp_path)
    putin, kim = ("RUSGOV", "vladimir-putin"), ("PRKGOV", "kim-jong-un")
    assert found == [
        ("Russia’s president", *putin),
        ("Kim Jong Un", *kim),
        ("Vladimir Putin", *putin),
        ("his", *putin),
        ("North Korean counterpart", *kim),
        ("Russia", "RUS", None),
        ("the Kremlin", "RUSGOV", None),
        ("Kim Jong Un", *kim),
        ("Russian president", *putin),
        ("he", *kim),
        ("Moscow", "RUS", None),
        ("Ukraine", "UKR", None),
        ("Russia", "RUS", None),
        ("its", "RUS", None),  # "Russia has risen ... to protect its sovereignty"
        ("he", *kim),
        ("North Korea", "PRK", None),
        ("Putin", *putin),
        ("I", *kim),  # “I’m sure we will remain together ...,” Kim said
        ("we", "PRKGOV", None),
        ("Kim", *kim),
        ("his", *kim),
        ("Russian leader", *putin),
        ("The two men", *putin),
        ("The two men", *kim),
        ("Kremlin spokesman Dmitry Peskov", "RUSGOV", "dmitry-peskov"),
    ]


def test_blog_sample_actors(samples: Path, tmp_path: Path) -> None:
    found = sample_mentions(samples, "kim-lavrov-blog.txt", tmp_path)
    people = {(t, p) for t, _, p in found if p}
    assert {p for _, p in people} == {"kim-jong-un", "sergey-lavrov"}
    assert ("North Korean leader Kim Jong Un", "kim-jong-un") in people
    assert ("Russian Foreign Minister Sergey Lavrov", "sergey-lavrov") in people
    assert all(code == "PRKGOV" for t, code, p in found if p == "kim-jong-un")
    assert all(code == "RUSGOV" for t, code, p in found if p == "sergey-lavrov")
    codes = {(t, c) for t, c, _ in found}
    for expected in [
        ("Pyongyang", "PRK"),
        ("the West", "WST"),
        ("Shanghai Cooperation Organization", "IGOASASCO"),
        ("Western", "WST"),
        ("Russian", "RUSMIL"),
        ("North Korean soldiers", "PRKMIL"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
    ]:
        assert expected in codes, expected
    pair = sorted(c for t, c, _ in found if t == "the two countries")
    assert pair == ["PRK", "RUS"]
    # every linked code is one of these actors: nothing else is named in the post
    assert {c for _, c, _ in found} <= {
        "PRK", "PRKGOV", "PRKMIL", "RUS", "RUSGOV", "RUSMIL", "UKR", "CHN", "WST", "ASA",
        "IGOASASCO",
    }  # fmt: skip


# ---- store, CLI and evaluation ------------------------------------------------------------------


def test_actors_cli_lists_document_mentions_and_corpus_top(examples_db: Path) -> None:
    top = run_cli("actors", "--top", "-n", "5", "--db", str(examples_db))
    assert top.returncode == 0, top.stderr
    assert "RUS" in top.stdout and "mentions" in top.stdout
    with Store.open(examples_db, read_only=True) as store:
        doc_id = store.query("SELECT doc_id FROM documents WHERE origin LIKE '%pyongyang%'")[0][0]
        kb_rows = store.query("SELECT count(*) FROM actors WHERE code = 'RUSMIL'")[0][0]
    assert kb_rows == 1
    one = run_cli("actors", doc_id[:8], "--db", str(examples_db))
    assert one.returncode == 0, one.stderr
    assert "sergey-lavrov" in one.stdout and "coreference" in one.stdout
    neither = run_cli("actors", "--db", str(examples_db))
    assert neither.returncode == 2 and "--top" in neither.stderr


def test_schema_upgrade_sends_old_analyses_back_for_linking(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "v1.duckdb"
    doc = tmp_path / "a.txt"
    doc.write_text("Russian Foreign Minister Sergey Lavrov met Chinese officials in Beijing.")
    run([str(doc)], Settings(db=db))
    with duckdb.connect(str(db)) as con:  # make it look like a store written before linking
        con.execute(
            "DROP TABLE mentions; DROP TABLE actors; DROP TABLE people; DROP TABLE events;"
            " DROP TABLE quotes; DROP TABLE signals; DROP TABLE stances; DROP TABLE embeddings;"
            " DROP TABLE stories; DROP TABLE story_members; DROP TABLE corroborated;"
            " DROP TABLE shifts; DROP TABLE watch_sources; DROP TABLE watch_items;"
            " DROP TABLE alerts; DROP TABLE sightings;"
            " ALTER TABLE sentences DROP COLUMN tone; ALTER TABLE segments DROP COLUMN posted;"
            " ALTER TABLE documents DROP COLUMN published_from"
        )
        con.execute("DELETE FROM schema_version WHERE version > 1")
    assert len(MIGRATIONS) >= 2
    with Store.open(db) as store:
        assert store.query("SELECT status FROM documents") == [("pending",)]
    run([], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        codes = [c for (c,) in store.query("SELECT actor_code FROM mentions ORDER BY idx")]
        assert store.query("SELECT status FROM documents") == [("analysed",)]
    assert codes == ["RUSGOV", "CHNGOV"]


def test_eval_actors_reports_f1_on_the_dev_and_held_out_sets() -> None:
    for data, floor in (("eval/actors/dev.jsonl", 0.95), ("eval/actors/heldout.jsonl", 0.9)):
        row = next(line for line in run_eval("actors", data).splitlines() if "linking" in line)
        f1 = float(re.findall(r"\d\.\d{3}", row)[2])
        assert f1 >= floor, row


def test_linker_builds_from_any_kb() -> None:
    # the linker is a pure function of the KB and the vocabulary
    linker = Linker(load_kb(), load_nlp())
    assert linker.link([], date(2024, 1, 1)) == []
