"""The web UI in a real headless Chromium (Debian's), against `detente serve` on 127.0.0.1.

Screenshots of every page are saved under test-artifacts/screenshots/ (or $DETENTE_ARTIFACTS).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import API_TOKEN, ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("DETENTE_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
XSS_PROBE = "() => window.__xss === undefined && !window.__xssFired"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Any]:
    """A fresh page that fails the test on any script error, dialog or console error."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=server)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("console", lambda m: problems.append(m.text) if _unexpected(m) else None)
    yield tab
    context.close()
    assert not problems, problems


def _unexpected(message: Any) -> bool:
    """Console errors, less the refusals some tests provoke on purpose (the page then says why)."""
    refused = any(f"status of {code}" in message.text for code in (401, 403, 422))
    return bool(message.type == "error" and not refused)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Latest stories"),
        ("/network", "Who deals with whom"),
        ("/actor/RUS", "Russia"),
        ("/dyad/PRK/RUS", "Cooperation and conflict"),
        ("/search?q=Pyongyang", "Documents"),
        ("/paste", "Analyse an article"),
    ],
)
def test_every_page_loads(page: Page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response.status == 200
    assert page.get_by_text(heading).first.is_visible()
    name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home"
    shot(page, name)


def test_click_through_document_actor_dyad(page: Page) -> None:
    page.goto("/")
    page.locator("table.list a", has_text="Lavrov and Choe hold talks in Pyongyang").click()
    page.wait_for_url("**/doc/**")
    mention = page.locator("a.mention", has_text="Sergey Lavrov").first
    assert "RUSGOV" in mention.get_attribute("title") and "confidence" in mention.get_attribute(
        "title"
    )
    shot(page, "document")
    page.locator("ol.event-list li").first.click()
    assert page.locator(".evidence.active").count() >= 1
    assert page.locator(".comment.removed").count() >= 1
    mention.click()
    page.wait_for_url("**/actor/RUSGOV")
    assert page.locator("h1").inner_text().startswith("Russian government")
    page.locator("a.dyad-link").first.click()
    page.wait_for_url("**/dyad/**")
    assert page.locator("svg.chart rect").count() >= 1
    shot(page, "dyad-from-actor")


def test_network_filters_by_date_and_links_to_dyads(page: Page) -> None:
    page.goto("/network")
    everything = page.locator("svg.chart a.edge").count()
    assert everything >= 3
    page.fill("input[name=since]", "2024-10-01")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**since=2024-10-01**")
    assert 0 < page.locator("svg.chart a.edge").count() < everything


def test_header_search_finds_documents_and_actors(page: Page) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "Lavrov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Lavrov")
    assert page.get_by_role("link", name="Lavrov and Choe hold talks in Pyongyang").count()
    assert page.locator("a.code", has_text="RUSGOV").count()


def test_pasted_article_is_analysed_and_shown(page: Page) -> None:
    page.goto("/paste")
    page.fill("input[name=title]", "Kenya and Ethiopia agree to reopen border crossings")
    page.fill("input[name=source]", "Pasted Wire")
    page.fill("input[name=published]", "2024-08-14")
    page.fill(
        "textarea[name=text]",
        "Kenya and Ethiopia agreed on Wednesday to reopen two border crossings.\n\n"
        'Kenyan President William Ruto said the deal was "good for traders on both sides".',
    )
    page.fill("input[name=token]", API_TOKEN)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/doc/**")
    assert "Kenya and Ethiopia agree" in page.locator("h1").inner_text()
    codes = {
        t
        for t in page.locator("a.mention").evaluate_all(
            "els => els.map(e => e.title.split(' ')[0])"
        )
    }
    assert {"KEN", "ETH"} <= {c[:3] for c in codes}
    assert page.locator("ol.event-list li[data-event]").count() >= 1
    assert page.locator("ul.quotes li", has_text="good for traders").count() == 1
    shot(page, "pasted")


def test_paste_without_the_token_is_refused_and_keeps_the_text(page: Page) -> None:
    page.goto("/paste")
    page.fill("textarea[name=text]", "Chile and Peru signed a fisheries accord.")
    page.get_by_role("button", name="Analyse").click()
    assert "API token" in page.locator("[role=alert]").inner_text()
    assert page.input_value("textarea[name=text]") == "Chile and Peru signed a fisheries accord."


def test_hostile_markup_is_inert(page: Page, server: str) -> None:
    import httpx

    found = httpx.get(f"{server}/api/documents", params={"q": "Vienna"}, timeout=30).json()
    doc_id = found["items"][0]["doc_id"]
    page.goto(f"/doc/{doc_id}")
    body = page.locator("article.doc")
    assert page.evaluate(XSS_PROBE)
    assert page.locator("script").count() == 1  # only /static/app.js
    assert body.locator("iframe, svg:not(.chart), img").count() == 0
    for attr in ("onerror", "onload", "onmouseover"):
        assert body.locator(f"[{attr}]").count() == 0
    assert body.locator("a[href^='javascript:' i]").count() == 0
    text = body.inner_text()
    assert "<script>window.__xss=2</script>" in text or "<b onmouseover" in text
    page.hover("article.doc p.seg >> nth=1")
    assert page.evaluate(XSS_PROBE)
    shot(page, "hostile")


def test_hostile_paste_is_inert(page: Page) -> None:
    page.goto("/paste")
    page.fill("input[name=title]", '<img src=x onerror="window.__xss=9">Title')
    page.fill(
        "textarea[name=text]",
        "Poland and Lithuania held talks in Warsaw.\n\n<script>window.__xss=10</script> "
        '<a href="javascript:window.__xss=11">click</a>',
    )
    page.fill("input[name=token]", API_TOKEN)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/doc/**")
    assert page.evaluate(XSS_PROBE)
    assert "<script>window.__xss=10</script>" in page.locator("article.doc").inner_text()
    assert page.locator("article.doc a[href^='javascript:' i]").count() == 0
