"""Issue 14: publication stamps as news sites write them ("updated 8:41 p.m. EST, Tue March
3, 2009") date a document; dates inside sentences about events never do. Our own lines."""

from __future__ import annotations

import pytest

from detente.clean import prepare_document
from detente.config import Settings
from detente.model import RawDocument

BODY = (
    "WASHINGTON (CNN) -- The president signed the bill on Tuesday, officials said.\n\n"
    "The bill passed the Senate last week after a long debate."
)


def published(text: str) -> str | None:
    doc = prepare_document(RawDocument(origin="a.txt", text=text), Settings())
    return doc.published.date().isoformat() if doc.published else None


STAMPS = [
    "updated 8:41 p.m. EST, Tue March 3, 2009",
    "Updated 8:41 PM EST, Tuesday, March 3, 2009",
    "updated 08:41 a.m. EST, Tue March 3, 2009",
    "UPDATED 8:41 PM EST Mar 3, 2009",
    "Updated 2041 GMT (0441 HKT) March 3, 2009",
    "March 3, 2009 -- Updated 2041 GMT (0441 HKT)",
    "Page last updated at 20:41 GMT, Tuesday, 3 March 2009",
    "Last updated: Tuesday, 3 March 2009, 20:41 GMT",
    "Last modified on Tue 3 Mar 2009 20.41 GMT",
    "Published 8:41 PM ET, Tue March 3, 2009",
    "Published: 3 March 2009 15:41 GMT",
    "Posted 8:41 PM ET Tue, March 3, 2009",
    "Published on Tue, Mar 3, 2009 at 3:41 p.m. EST",
    "Updated at 8:41 p.m. on March 3, 2009",
    "By Jane Doe, CNN updated 8:41 p.m. EST, Tue March 3, 2009",
]


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_sites_stamp_dates_the_document(stamp: str) -> None:
    assert published(f"Obama signs bill\n{stamp}\n{BODY}") == "2009-03-03"


@pytest.mark.parametrize("stamp", STAMPS[:4])
def test_a_stamp_after_the_highlights_dates_the_document(stamp: str) -> None:
    highlights = "\n\n".join(f"Highlight number {n} of the story." for n in range(5))
    assert published(f"Obama signs bill\n\n{highlights}\n\n{stamp}\n\n{BODY}") == "2009-03-03"


@pytest.mark.parametrize(
    "line",
    [
        "Published on March 3, 2009, the report found that trade fell.",
        "Updated figures released on March 3, 2009 showed growth.",
        "Posted on March 3, 2009 by the agency, the statement said little.",
        "Published 3 March 2009 in the Lancet, the study found a link.",
        "The talks that began on March 3, 2009 ended without a deal.",
        "Officials said on Tuesday, March 3, 2009 that the border was closed.",
    ],
)
def test_a_date_inside_a_sentence_about_an_event_is_no_stamp(line: str) -> None:
    assert published(f"Obama signs bill\n{line}\n{BODY}") is None
