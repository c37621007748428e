"""Markdown and HTML briefings: hostile names show as text; the page is offline."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from cikg.answers.render import md_escape

from .conftest import EVIL_IMG, EVIL_SCRIPT


@pytest.mark.parametrize("value", [EVIL_IMG, EVIL_SCRIPT, "*bold* _it_ [x](javascript:1)",
                                   "a | b", "`code`", "&lt;b&gt; R&D", "# heading",
                                   "<!-- c -->", "~~gone~~"])
def test_markdown_escape_renders_as_written(value):
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(
        md_escape(value))
    assert "<img" not in html
    assert "<script" not in html
    assert "<a " not in html
    assert "<em>" not in html
    assert "<del>" not in html
    # what a reader sees is the value itself
    text = re.sub(r"<[^>]+>", "", html).strip()
    import html as html_lib
    assert html_lib.unescape(text) == value


def test_markdown_briefing_shows_hostile_names_as_text(evil_brief):
    briefing, stem = evil_brief
    markdown = stem.with_suffix(".md").read_text(encoding="utf-8")
    assert markdown == briefing.to_markdown()
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<img" not in rendered
    assert "<script" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert "*Carbon*" in rendered  # not emphasis


def test_html_briefing_escapes_and_inlines(evil_brief):
    _, stem = evil_brief
    page = stem.with_suffix(".html").read_text(encoding="utf-8")
    outside = re.sub(r'srcdoc="[^"]*"', "", page)
    assert "<img src=x" not in outside
    assert "<script" not in outside.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in outside
    assert re.search(r"https?://", outside.split("<body>")[0]) is None  # no remote asset
    assert 'src="data:image/png;base64,' in page
    assert 'sandbox="allow-scripts"' in page
    assert "Content-Security-Policy" in page


@pytest.mark.browser
def test_html_briefing_in_browser(browser, evil_brief):
    """No request leaves the file, no console error, no dialog; names read as text."""
    from cikg.views.browser import open_page

    _, stem = evil_brief
    path = stem.with_suffix(".html")
    page_url = path.resolve().as_uri()
    context = browser.new_context(service_workers="block")
    requests, errors, dialogs = [], [], []

    def route(route):
        requests.append(route.request.url)
        if route.request.url == page_url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(page_url, wait_until="load", timeout=60_000)
        page.locator("iframe.view").scroll_into_view_if_needed()
        frame = page.frame_locator("iframe.view")
        frame.locator("body[data-painted]").wait_for(state="attached", timeout=60_000)
        body = page.inner_text("body")
        images = page.evaluate("Array.from(document.images).map(i => i.naturalWidth > 0)")
        page.wait_for_timeout(500)
    finally:
        context.close()
    assert requests == [page_url]
    assert errors == []
    assert dialogs == []
    assert EVIL_IMG in body
    assert images
    assert all(images)
    assert open_page  # the views' helper is the same check, without the frame


def test_answer_markdown_and_json_keep_hostile_names_as_text(evil_store):
    import json

    import cikg

    with cikg.open(evil_store, read_only=True) as kg:
        answer = kg.ask("which companies supply hard carbon in China?")
    assert list(answer.answer["company_label"]) == [EVIL_IMG]
    rendered = MarkdownIt("commonmark").enable("table").render(answer.to_markdown())
    assert "<img" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert json.loads(answer.to_json())["answer"][0]["company_label"] == EVIL_IMG
