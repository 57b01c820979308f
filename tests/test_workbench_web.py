"""The workbench's pages in a real headless Chromium against `detente serve` on a store with a
flagged shift and negated events (issue 19, "Broken today" 1, 2 and 6), at 1280 and 390 px.

Screenshots go to test-artifacts/screenshots/workbench-*.png (or under $DETENTE_ARTIFACTS).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.conftest import serve_store
from tests.test_web import CHROMIUM, _unexpected, browser, shot  # noqa: F401 (a fixture)
from tests.test_workbench import with_shift

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)"
)
WIDTHS = (1280, 390)
COOPERATION_GREEN = "rgb(47, 158, 68)"  # style.css: tr.quad1 .cameo


@pytest.fixture(scope="module")
def site(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = with_shift(served_db, tmp_path_factory.mktemp("workbench-web") / "web.duckdb")
    yield from serve_store(db)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest, browser: Any, site: str) -> Iterator[Any]:  # noqa: F811
    """A page at 1280 or 390 px that fails the test on a script error, a console error (a
    Content-Security-Policy refusal is one) or a request that leaves the server."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=site)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("console", lambda m: problems.append(m.text) if _unexpected(m) else None)
    tab.on("request", lambda r: None if r.url.startswith((site, "data:")) else problems.append(
        f"request off the server: {r.url}"))  # fmt: skip
    yield tab
    context.close()
    assert not problems, problems


def test_dyad_page_with_a_flagged_shift_renders(page: Page) -> None:
    response = page.goto("/dyad/PRK/RUS")
    assert response is not None and response.status == 200
    shift = page.locator("div.shift").first
    assert "warming" in shift.inner_text()
    assert shift.locator("li").count() >= 1
    assert "Sign formal agreement" in shift.inner_text()  # the CAMEO name beside 057
    assert "North Korea" in shift.inner_text() and "Russia" in shift.inner_text()
    assert page.locator("svg.chart").count() == 1
    shot(page, f"workbench-dyad-shift-{page.viewport_size['width']}")  # type: ignore[index]


def test_the_actor_page_links_to_a_dyad_page_that_loads(page: Page) -> None:
    page.goto("/actor/PRK")
    page.locator("a.dyad-link[href*='/RUS']").first.click()
    page.wait_for_url("**/dyad/**")
    assert page.locator("div.shift").count() >= 1


def test_api_docs_show_the_endpoints_from_local_assets(page: Page, site: str) -> None:
    response = page.goto("/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    endpoints = page.locator("section.endpoint")
    assert endpoints.count() >= 12
    text = page.locator("main").inner_text()
    for path in (
        "/api/events",
        "/api/documents/{doc_id}",
        "/api/dyads/{a}/{b}",
        "/api/export/{fmt}",
    ):
        assert path in text, path
    post = page.locator("section.endpoint", has_text="POST").first
    assert "/api/documents" in post.inner_text() and "Analyse" in post.inner_text()
    assert (
        page.locator("section.endpoint", has_text="/api/events")
        .first.locator("code", has_text="root")
        .count()
    )  # its parameters are listed
    page.locator("nav.api-index a", has_text="/api/shifts").first.click()
    assert page.url.endswith("#get--api-shifts")
    schema = httpx.get(f"{site}/openapi.json", timeout=30).json()
    assert len(schema["paths"]) >= 12
    shot(page, f"workbench-api-docs-{page.viewport_size['width']}")  # type: ignore[index]


def test_negated_events_are_marked_and_not_coloured_as_cooperation(page: Page, site: str) -> None:
    found = httpx.get(f"{site}/api/events", params={"polarity": "negated", "limit": 50}, timeout=30)
    negated = [e for e in found.json()["items"] if e["quad_class"] in (1, 2)]
    assert negated, "the examples hold a negated cooperative event"
    page.goto(f"/doc/{negated[0]['doc_id']}")
    item = page.locator("ol.event-list li.negated").first
    assert "¬" in item.inner_text()
    assert item.evaluate("el => !el.className.includes('quad')")
    colour = item.locator(".cameo").evaluate("el => getComputedStyle(el).color")
    assert colour != COOPERATION_GREEN
    cooperative = page.locator("ol.event-list li.quad1 .cameo")
    if cooperative.count():
        assert cooperative.first.evaluate("el => getComputedStyle(el).color") == COOPERATION_GREEN
    shot(page, f"workbench-negated-{page.viewport_size['width']}")  # type: ignore[index]


def test_codes_have_names_beside_them_on_pages(page: Page) -> None:
    page.goto("/actor/RUS")
    row = page.locator("table.events tbody tr").first
    assert row.locator(".aname").count() >= 1 and row.locator(".cname").inner_text().strip()
    page.goto("/")
    stories = page.locator(".codes .aname")
    assert stories.count() >= 1
    shot(page, f"workbench-actor-home-{page.viewport_size['width']}")  # type: ignore[index]


def test_charts_and_document_lists_stay_readable_on_a_phone(page: Page) -> None:
    """At 390 px a chart keeps a width its labels can be read at (it scrolls in its card) and
    a document list gives the title the whole line, not a 60 px column."""
    width = page.viewport_size["width"]  # type: ignore[index]
    page.goto("/dyad/PRK/RUS")
    tick = page.locator("svg.chart text.tick").first
    assert tick.evaluate("el => el.getBoundingClientRect().height") >= 9  # px on screen
    page.goto("/")
    title = page.locator("table.list.docs tbody tr td").first
    assert title.evaluate("el => el.getBoundingClientRect().width") >= min(300, width - 60)
    shot(page, f"workbench-home-docs-{width}")
