"""PNG and SVG pictures for slides, from the same layout as the page."""

from __future__ import annotations

import networkx as nx
import pytest

import cikg
from cikg.errors import CikgError
from cikg.views import static_view

from .conftest import EVIL_IMG


def test_png_and_svg_of_the_demo_landscape(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        png = kg.view("landscape", format="png")
        svg = kg.view("landscape", format="svg")
        again = kg.view("landscape", format="svg")
    assert png.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png.data) > 20_000
    assert svg.data.lstrip().startswith(b"<?xml")
    assert b"<svg" in svg.data
    assert svg.data == again.data  # no date, fixed ids: the same input gives the same file
    assert b"Supplier landscape" in svg.data
    assert b"BTR" in svg.data
    assert png.nodes == svg.nodes > 20


def test_text_is_literal_and_escaped_in_svg(evil_store):
    with cikg.open(evil_store, read_only=True) as kg:
        svg = kg.view("landscape", format="svg").data.decode()
    assert EVIL_IMG not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    graph = nx.Graph()
    graph.add_node("a", label="$x^2$ {Co}", kind="Company")
    text = static_view(graph, title="$5 and $6", format="svg").data.decode()
    assert "$x^2$ {Co}" in text
    assert "$5 and $6" in text


def test_unknown_picture_format():
    with pytest.raises(CikgError, match="format 'gif' is not a picture format"):
        static_view(nx.Graph(), title="t", format="gif")
