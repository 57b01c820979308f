"""The outlet registry (issue 19): outlets kept as data, found from a document's source or URL
domain, unlisted outlets kept usable with a kind from their name or domain, a user's file merged
over ours, and bad files refused naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

# ---- finding outlets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "url", "name", "kind"),
    [
        ("Reuters", None, "Reuters", "wire"),
        (None, "https://www.reuters.com/world/x", "Reuters", "wire"),
        ("the associated press", None, "Associated Press", "wire"),
        ("AFP", None, "Agence France-Presse", "wire"),
        ("ITAR-TASS", None, "TASS", "state media"),
        ("BBC News - World", None, "BBC News", "broadcaster"),
        ("World news | The Guardian", None, "The Guardian", "newspaper"),
        (None, "https://edition.cnn.com/2024/06/19/asia/x", "CNN", "broadcaster"),
        ("", "https://en.yna.co.kr/view/AEN1", "Yonhap", "wire"),
        ("kremlin.ru", None, "Kremlin", "official"),
        ("Xinhua News Agency", "https://english.news.cn/x", "Xinhua", "state media"),
    ],
)
def test_a_documents_outlet_comes_from_its_source_or_domain(
    source: str | None, url: str | None, name: str, kind: str
) -> None:
    from detente.outlets import load_registry

    found = load_registry().find(source, url)
    assert (found.name, found.kind, found.listed) == (name, kind, True)


@pytest.mark.parametrize(
    ("source", "url", "kind"),
    [
        ("Reuters Institute for the Study of Journalism", None, "unknown"),  # not Reuters
        (None, "https://observer.com/2024/x", "unknown"),  # not the Guardian's Observer
        (None, "https://notreuters.com/a", "unknown"),
        (None, "https://reuters.com.mirror.example/a", "unknown"),
        ("Apple Daily", None, "unknown"),  # "AP" is a whole name, not a prefix
        ("Sahel Wire Service", None, "wire"),
        ("Ministry of Defence", None, "official"),
        (None, "https://pyongyangwatch.substack.com/p/1", "blog"),
        (None, "https://www.reddit.com/r/worldnews/1", "forum"),
        (None, "https://defense.gov/News/1", "official"),
    ],
)
def test_unlisted_outlets_stay_usable_with_a_kind_from_their_name_or_domain(
    source: str | None, url: str | None, kind: str
) -> None:
    from detente.outlets import load_registry

    found = load_registry().find(source, url)
    assert not found.listed and found.kind == kind
    assert found.name == (source or found.name) and found.name != "unknown"


def test_a_local_file_names_no_outlet() -> None:
    from detente.outlets import load_registry

    found = load_registry().find("/home/me/notes/a.txt", None)
    assert (found.name, found.kind, found.listed) == ("unknown", "unknown", False)


def test_the_built_in_registry_is_consistent() -> None:
    from detente.outlets import KINDS, load_registry

    registry = load_registry()
    names = [o.name.casefold() for o in registry.outlets]
    assert len(names) == len(set(names)) and len(names) >= 60
    assert all(o.kind in KINDS and o.kind != "unknown" for o in registry.outlets)
    assert all(o.country is None or len(o.country) == 3 for o in registry.outlets)
    assert all(o.domains for o in registry.outlets)
    groups = [o.group for o in registry.outlets if o.group]
    assert any(groups.count(g) > 1 for g in groups)  # owner groups with several outlets


def test_a_users_file_is_merged_over_ours(tmp_path: Path) -> None:
    from detente.outlets import registry_for

    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "outlets:\n"
        "  - {name: reuters, country: USA}\n"  # corrects a field, keeps the rest
        "  - {name: Harbour Herald, kind: newspaper, country: NZL, domains: [harbour.example],"
        " group: Harbour Media}\n"
        "  - {name: Harbour Weekly, kind: magazine, domains: [weekly.harbour.example],"
        " group: Harbour Media}\n"
        "name_words:\n  state media: [state broadcaster]\n",
        "utf-8",
    )
    registry = registry_for(mine)
    reuters = registry.find("Reuters")
    assert reuters.country == "USA" and reuters.kind == "wire" and "reuters.com" in reuters.domains
    herald = registry.find(None, "https://www.harbour.example/news/1")
    weekly = registry.find(None, "https://weekly.harbour.example/a")
    assert (herald.name, weekly.name) == ("Harbour Herald", "Harbour Weekly")
    assert registry.independent([herald, weekly, reuters]) == 2
    assert registry.find("Erewhon State Broadcaster").kind == "state media"
    assert registry_for(None).find("Harbour Herald").listed is False  # ours is unchanged


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("outlets:\n  - {name: X, kind: tabloid}\n", "kind 'tabloid' is not one of"),
        ("outlets:\n  - {kind: wire}\n", "needs a `name`"),
        ("outlets:\n  - {name: X, domains: [bbc.com]}\n", "domain bbc.com is claimed by"),
        ("outlets:\n  - {name: X, owner: Y}\n", "unknown field(s)"),
        ("outlets: [\n", "is not valid YAML"),
    ],
)
def test_a_bad_outlets_file_is_refused_naming_the_file(
    tmp_path: Path, text: str, said: str
) -> None:
    from detente.outlets import OutletsError, registry_for

    bad = tmp_path / "bad.yaml"
    bad.write_text(text, "utf-8")
    with pytest.raises(OutletsError) as caught:
        registry_for(bad)
    assert said in str(caught.value) and "bad.yaml" in str(caught.value)


def test_the_outlets_setting_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from detente.config import Settings

    monkeypatch.setenv("DETENTE_OUTLETS", f"{tmp_path / 'a.yaml'}:{tmp_path / 'b.yaml'}")
    assert Settings.from_env().outlets == (str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
