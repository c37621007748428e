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


def visit(browser, path) -> dict:
    """Open *path* with every other request aborted; wait for the embedded view to paint."""
    page_url = path.resolve().as_uri()
    context = browser.new_context(service_workers="block")
    seen: dict = {"requests": [], "errors": [], "dialogs": []}

    def route(route):
        seen["requests"].append(route.request.url)
        if route.request.url == page_url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    try:
        page.goto(page_url, wait_until="load", timeout=60_000)
        page.locator("iframe.view").scroll_into_view_if_needed()
        frame = page.frame_locator("iframe.view")
        frame.locator("body[data-painted]").wait_for(state="attached", timeout=60_000)
        seen["body"] = page.inner_text("body")
        seen["images"] = page.evaluate(
            "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
        seen["sections"] = page.evaluate(
            "Array.from(document.querySelectorAll('section')).map(s => s.dataset.section)")
        page.wait_for_timeout(500)
    finally:
        context.close()
    seen["url"] = page_url
    return seen


@pytest.mark.browser
def test_html_briefing_in_browser(browser, evil_brief):
    """No request leaves the file, no console error, no dialog; names read as text."""
    _, stem = evil_brief
    seen = visit(browser, stem.with_suffix(".html"))
    assert seen["requests"] == [seen["url"]]
    assert seen["errors"] == []
    assert seen["dialogs"] == []
    assert EVIL_IMG in seen["body"]
    assert EVIL_SCRIPT in seen["body"]
    assert seen["images"]
    assert all(seen["images"])


@pytest.mark.browser
def test_demo_market_briefing_in_browser(browser, demo_briefs, tmp_path):
    paths = demo_briefs["market"].write(tmp_path / "market")
    seen = visit(browser, paths[1])
    assert seen["requests"] == [seen["url"]]
    assert seen["errors"] == []
    assert seen["dialogs"] == []
    assert len(seen["images"]) == 4  # suppliers by country, shares, market size, funding
    assert all(seen["images"])
    assert seen["sections"] == ["overview", "suppliers", "leaders", "competition", "market",
                                "initiatives", "concentration", "gaps", "checks",
                                "conflicts", "view", "citations", "queries"]
    assert "imply 17.6 % a year over 2024-2032" in seen["body"]


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
