"""Segmentation: article body, comment threads, removed comments and boilerplate, by general rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.clean import prepare_document
from detente.clean.segment import segment_document, text_blocks
from detente.config import Settings
from detente.model import Block, RawDocument, SegmentKind


def kinds(text: str) -> list[tuple[str, str]]:
    out, segments = segment_document(RawDocument(origin="t", text=text))
    return [(s.kind.value, out[s.start : s.end]) for s in segments]


def test_forum_sample_has_six_sentence_article_and_twelve_comments_three_removed(
    samples: Path,
) -> None:
    raw = RawDocument(origin="forum", text=(samples / "putin-kim-forum-thread.txt").read_text())
    doc = prepare_document(raw, Settings())
    by_kind = [s.kind for s in doc.segments]
    assert (
        by_kind.count(SegmentKind.BODY) == 6
    )  # one sentence a line; sentences are counted in test_pipeline
    assert by_kind.count(SegmentKind.COMMENT) + by_kind.count(SegmentKind.REMOVED_COMMENT) == 12
    assert by_kind.count(SegmentKind.REMOVED_COMMENT) == 3
    assert (
        by_kind.index(SegmentKind.REMOVED_COMMENT) == 6
    )  # the thread starts right after the article


def test_blog_sample_footer_is_boilerplate_not_body(samples: Path) -> None:
    text = (samples / "kim-lavrov-blog.txt").read_text()
    doc = prepare_document(RawDocument(origin="blog", text=text), Settings())
    body = " ".join(doc.segment_text(s) for s in doc.segments if s.kind is SegmentKind.BODY)
    boilerplate = [doc.segment_text(s) for s in doc.segments if s.kind is SegmentKind.BOILERPLATE]
    assert "Leave a Reply" not in body and "email address" not in body
    assert any("Leave a Reply" in b for b in boilerplate)
    assert doc.title and doc.title.startswith("Kim Jong Un and Lavrov")
    assert "Drop your thoughts" in body  # the article's last paragraph stays in the body


def test_wordpress_footer_form_fields_are_boilerplate() -> None:
    text = (
        "A Headline About Talks\n\nThe ministers met on Monday and agreed to meet again.\n\n"
        "Leave a Reply Cancel reply\n\nYour email address will not be published. Required fields "
        "are marked *\n\nName *\n\nEmail *\n\nWebsite\n\nPost Comment\n\nShare this:\n\nTagged Iran, Iraq"
    )
    got = kinds(text)
    assert got[0] == ("headline", "A Headline About Talks")
    assert got[1][0] == "body"
    assert [k for k, _ in got[2:]] == ["boilerplate"] * 8


def test_thread_heading_and_author_lines_give_comment_authors_and_nesting() -> None:
    text = (
        "Ministers meet in Geneva\n\nThe foreign ministers met in Geneva on Monday.\n\n"
        "Comments (3)\n\nu/alpha · 3h\nFirst comment here.\n  u/beta · 2h\n  A reply to alpha.\n"
        "u/gamma · 1h\n[removed]"
    )
    text_out, segments = segment_document(RawDocument(origin="t", text=text))
    comments = [
        (s.kind.value, s.author, s.parent, text_out[s.start : s.end])
        for s in segments
        if s.kind in (SegmentKind.COMMENT, SegmentKind.REMOVED_COMMENT)
    ]
    first = next(i for i, s in enumerate(segments) if s.kind is SegmentKind.COMMENT)
    assert comments == [
        ("comment", "alpha", None, "First comment here."),
        ("comment", "beta", first, "A reply to alpha."),
        ("removed_comment", "gamma", None, "[removed]"),
    ]


def test_removed_markers_are_recognised_in_their_common_forms() -> None:
    markers = [
        "[deleted]",
        "[removed]",
        "Removed by mod",
        "Comment removed by moderator",
        "This comment has been deleted by the author.",
        "Message deleted",
    ]
    text = "Talks collapse in Doha.\n" + "\n".join(
        f"{m}\nA real comment {i}." for i, m in enumerate(markers)
    )
    got = kinds(text)
    assert sum(1 for k, _ in got if k == "removed_comment") == len(markers)
    assert sum(1 for k, _ in got if k == "comment") == len(markers)


def test_hard_wrapped_paragraphs_are_joined_but_line_per_item_text_is_not() -> None:
    wrapped = (
        "The foreign ministers of the two countries met in Ankara on\n"
        "Tuesday to discuss grain exports through the Black Sea and a\n"
        "possible exchange of prisoners of war.\n\nA second paragraph follows here."
    )
    blocks = text_blocks(wrapped)
    assert len(blocks) == 2 and blocks[0].text.endswith("prisoners of war.")
    lines = "short line one\nnot the glow up i wanted\nanother line"
    assert [b.text for b in text_blocks(lines)] == lines.split("\n")


def test_headline_is_not_guessed_from_a_sentence() -> None:
    got = kinds("Leaders met in Rome on Friday.\nThey agreed to meet again.")
    assert [k for k, _ in got] == ["body", "body"]


@pytest.mark.parametrize(
    "first",
    [
        "Visa Program Up for Renewal Amid Allegations of Fraud.",
        "Stealth Over Health: Clinton Was Headed to Hospital But Diverted to Avoid Bad Optics.",
        "Only 24 Percent of the Senator's Contributors Are Small Donors.",
    ],
)
def test_a_title_case_first_line_ending_in_a_full_stop_is_the_headline(first: str) -> None:
    """Some archives' exports end the headline with a full stop; Title Case still shows it."""
    got = kinds(f"{first}\n\nThe programme was renewed on Friday after a long debate.")
    assert [k for k, _ in got] == ["headline", "body"]


@pytest.mark.parametrize(
    "first",
    [
        "Leaders of Russia and China met in Moscow on Friday.",
        "Green Party candidate Jill Stein was removed from the debate site by police.",
        "The talks in Geneva ended without a deal.",
    ],
)
def test_a_sentence_first_line_stays_body(first: str) -> None:
    got = kinds(f"{first}\n\nThey agreed to meet again next month in Beijing.")
    assert [k for k, _ in got] == ["body", "body"]


def test_section_labels_of_archive_exports_are_boilerplate() -> None:
    got = kinds(
        "Trade Talks Resume\n\nABSTRACT.\n\nTalks resumed.\n\nFULL TEXT.\n\nTalks resumed on Monday."
    )
    assert [k for k, _ in got] == ["headline", "boilerplate", "body", "boilerplate", "body"]


def test_blocks_from_html_keep_their_hints_and_authors() -> None:
    raw = RawDocument(
        origin="t",
        blocks=[
            Block(text="Summit ends", hint=SegmentKind.HEADLINE),
            Block(text="Leaders agreed on a statement."),
            Block(text="Good outcome.", hint=SegmentKind.COMMENT, author="ann"),
            Block(text="[deleted]", hint=SegmentKind.COMMENT, author="bob", depth=1),
        ],
    )
    _, segments = segment_document(raw)
    assert [(s.kind.value, s.author, s.parent) for s in segments] == [
        ("headline", None, None),
        ("body", None, None),
        ("comment", "ann", None),
        ("removed_comment", "bob", 2),
    ]


def test_segment_offsets_point_into_the_text() -> None:
    raw = RawDocument(
        origin="t", text="Title Here\n\nBody one.\n\nComments\n\nu/x · 1h\nhello there"
    )
    text, segments = segment_document(raw)
    assert all(0 <= s.start < s.end <= len(text) for s in segments)
    assert text[segments[1].start : segments[1].end] == "Body one."
