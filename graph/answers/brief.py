"""Briefings: a market, a material type, a region or a company, written from the graph.

:func:`brief` resolves the subject against the graph's names, decides the scope (which
companies and markets the briefing covers), runs the section builders of
:mod:`cikg.answers.sections` and :mod:`cikg.answers.findings`, and draws the relevant
interactive view. The result, a :class:`Briefing`, holds structured data (sections with
sentences and their citations, tables as DataFrames, charts, the queries run) and
renders as Markdown or one offline HTML file (:mod:`cikg.answers.render`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from cikg.errors import QueryError

from . import findings, sections
from .context import Context, Scope, Section
from .entities import normalize
from .session import QueryRun, Session

if TYPE_CHECKING:
    from cikg.api import KnowledgeGraph
    from cikg.views import HtmlPage

__all__ = ["BRIEF_KINDS", "Briefing", "brief", "resolve"]

Builder = Callable[[Context], Section]
_COMMON: tuple[Builder, ...] = (
    sections.overview, sections.suppliers, sections.leaders, sections.competition,
    findings.market, findings.initiatives, findings.concentration, findings.gaps,
    findings.checks, findings.conflicts)
#: The sections of each kind of briefing, in order.
BRIEF_KINDS: dict[str, tuple[Builder, ...]] = {
    "market": _COMMON,
    "material": _COMMON,
    "region": _COMMON,
    "company": (sections.overview, sections.suppliers, sections.leaders, sections.competition,
                findings.market, findings.initiatives, findings.checks, findings.conflicts),
}
#: The entity kind (of :mod:`cikg.answers.entities`) that names each briefing's subject.
SUBJECT_KINDS = {"market": "market", "material": "material", "region": "region",
                 "company": "company"}
#: Above this many nodes, the embedded view merges companies by headquarters country.
VIEW_NODE_LIMIT = 1500


@dataclass
class Briefing:
    """A briefing: sections (sentences with citations, tables, charts), queries, a view.

    ``tables`` gives every table as a DataFrame; ``evidence`` every citation with the
    sentence it supports; :meth:`to_markdown`, :meth:`to_html` and :meth:`write`
    render it.
    """

    kind: str
    subject: str | None
    label: str
    title: str
    subtitle: str
    sections: list[Section]
    runs: list[QueryRun]
    view: HtmlPage | None = None
    view_title: str = ""
    notes: list[str] = field(default_factory=list)

    def section(self, key: str) -> Section:
        """Return the section called *key* (``suppliers``, ``leaders``, ``gaps`` ...)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"no section {key!r}; the briefing has "
                       f"{', '.join(s.key for s in self.sections)}")

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table, keyed ``section/caption``."""
        return {f"{s.key}/{caption}": frame for s in self.sections
                for caption, frame in s.tables}

    @property
    def evidence(self) -> pd.DataFrame:
        """One row per citation: ``section, sentence, quote, heading, source, as_of``."""
        rows = [{"section": s.key, "sentence": sentence.text, "quote": c.quote,
                 "heading": c.section, "source": c.source, "as_of": c.as_of}
                for s in self.sections for sentence in s.sentences for c in sentence.citations]
        return pd.DataFrame(rows, columns=["section", "sentence", "quote", "heading", "source",
                                           "as_of"])

    def text(self, key: str | None = None) -> str:
        """Return the sentences (of one section, or all) as plain text, one per line."""
        chosen = [self.section(key)] if key else self.sections
        return "\n".join(s.text for section in chosen for s in section.sentences)

    def to_markdown(self) -> str:
        """Return the briefing as Markdown (names escaped; citations as numbered notes)."""
        from .render import briefing_markdown
        return briefing_markdown(self)

    def to_html(self) -> str:
        """Return the briefing as one offline HTML file (charts and view inlined)."""
        from .render import briefing_html
        return briefing_html(self)

    def write(self, stem: str | Path) -> list[Path]:
        """Write ``STEM.md`` and ``STEM.html``; return both paths."""
        stem = Path(stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        base = stem.with_suffix("") if stem.suffix in (".md", ".html") else stem
        md, page = base.parent / (base.name + ".md"), base.parent / (base.name + ".html")
        md.write_text(self.to_markdown(), encoding="utf-8")
        page.write_text(self.to_html(), encoding="utf-8")
        return [md, page]


def resolve(session: Session, kind: str, name: str) -> tuple[str, str]:
    """Return ``(iri, label)`` of the entity of *kind* that *name* names in the graph.

    Exact names and aliases first (any case), then the first entity of that kind the
    text mentions (:meth:`~cikg.answers.entities.EntityIndex.find`).

    Raises
    ------
    QueryError
        When no entity of *kind* goes by *name* (with the closest names), or several do.
    """
    index = session.index()
    key = tuple(normalize(name).split())
    hits = {e for e, k, _ in index.names.get(key, []) if k == kind}
    if kind == "country":
        hits |= {e for e, _, _ in index.codes.get(name.strip().upper(), [])}
    if not hits:  # a misspelt name: a fuzzy match that covers the whole subject
        hits = {m.entity for m in index.find(name)
                if m.kind == kind and normalize(m.text) == normalize(name)}
    if len(hits) == 1:
        entity = hits.pop()
        return entity, index.label(entity)
    if hits:
        raise QueryError(f"{name!r} names {len(hits)} {kind} entities "
                         f"({', '.join(sorted(index.label(h) for h in hits))}); be more specific")
    from rapidfuzz import fuzz, process
    labels = sorted(set(index.entities(kind).values()))
    near = [m[0] for m in process.extract(name, labels, scorer=fuzz.WRatio, limit=3,
                                          score_cutoff=60)]
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else \
        (f"; the graph has {len(labels)}" if labels else "; the graph has none")
    raise QueryError(f"no {kind} named {name!r}{hint}")


def _scope(session: Session, kind: str, subject: str | None) -> Scope:
    if kind not in BRIEF_KINDS:
        raise QueryError(f"unknown briefing {kind!r}; use one of {', '.join(BRIEF_KINDS)}")
    if subject is None or not subject.strip():
        if kind != "market":
            raise QueryError(f"a {kind} briefing needs a subject: cikg brief {kind} NAME")
        known = session.index().entities("market")
        if len(known) == 1:
            iri, label = next(iter(known.items()))
            return Scope("market", iri, label, None, {iri})
        return Scope("market", None, "all markets", None, None)
    iri, label = resolve(session, SUBJECT_KINDS[kind], subject)
    if kind == "market":
        return Scope(kind, iri, label, None, {iri})
    if kind == "material":
        companies = set(session.query("suppliers-of-material", material=iri)["company"])
        segments = session.query("market-segments")
        markets = _markets_of(session, segments[segments["concept"] == iri])
        return Scope(kind, iri, label, companies, markets or None)
    if kind == "region":
        companies = set(session.query("companies-by-region", region=iri)["company"])
        return Scope(kind, iri, label, companies, None)
    leaders = session.query("market-leaders")
    claims = session.query("share-claims")
    labels = set(leaders[leaders["company"] == iri]["market_label"].dropna())
    named = claims["companies"].fillna("").astype(str).map(
        lambda cell: label in [n.strip() for n in cell.split(";")])
    labels |= set(claims[named.astype(bool)]["market_label"].dropna())
    markets = {m for m, name in session.index().entities("market").items() if name in labels}
    return Scope(kind, iri, label, {iri}, markets or None)


def _markets_of(session: Session, segments: pd.DataFrame) -> set[str]:
    names = set(segments["market_label"].dropna())
    return {m for m, label in session.index().entities("market").items() if label in names}


def _view(ctx: Context, title: str, subtitle: str) -> HtmlPage | None:
    from cikg.analytics import typed_graph
    from cikg.errors import CikgError
    from cikg.views import HtmlPage, collapse, network_view

    if ctx.scope.kind == "company":  # the views' ego view: the company and its neighbours
        try:
            page = ctx.session.kg.view("ego", str(ctx.scope.subject))
        except CikgError:
            page = None
        if isinstance(page, HtmlPage):
            from .analyses import _sparql
            ctx.session.record("view ego", {"name": ctx.scope.label}, _sparql("path"),
                               page.nodes)
            return page
    edges = ctx.query("landscape-edges")
    if ctx.scope.companies is not None:
        edges = edges.loc[ctx.in_scope_mask(edges["source"])
                          | ctx.in_scope_mask(edges["target"])]
    if edges.empty:
        return None
    graph = typed_graph(edges)
    notes: list[str] = []
    if graph.number_of_nodes() > VIEW_NODE_LIMIT:
        graph = collapse(graph, by="headquarteredIn")
        notes.append(str(graph.graph.get("note", "companies merged by country")))
    return network_view(graph, title=title, subtitle=subtitle, notes=notes)


def brief(kg: KnowledgeGraph, kind: str, subject: str | None = None, *,
          view: bool = True) -> Briefing:
    """Write a briefing about a market, a material type, a region or a company.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph to read (read-only).
    kind : {"market", "material", "region", "company"}
        What the briefing is about.
    subject : str, optional
        The entity's name, alias or label as the graph knows it ("hard carbon",
        "Europe", "BTR"); a market briefing without one covers the graph's market (or
        all markets, when there are several).
    view : bool
        Whether to draw the interactive view embedded in the HTML briefing.

    Returns
    -------
    Briefing

    Raises
    ------
    QueryError
        For an unknown kind or a subject the graph does not name (with close names).

    Examples
    --------
    >>> import cikg
    >>> b = brief(cikg.open("memory:"), "market", view=False)
    >>> [s.key for s in b.sections][:3]
    ['overview', 'suppliers', 'leaders']
    """
    session = Session(kg)
    scope = _scope(session, kind, subject)
    ctx = Context(session, scope)
    built = [builder(ctx) for builder in BRIEF_KINDS[kind]]
    title = f"{kind.capitalize()} briefing: {scope.label}"
    from cikg.views import sources_line
    subtitle = sources_line(session.query("sources"))
    view_title = (f"{scope.label} and what it links to" if kind == "company" else
                  f"{scope.label}: companies and what links them")
    page = _view(ctx, view_title, subtitle) if view else None
    return Briefing(kind, scope.subject, scope.label, title, subtitle, built,
                    session.sparql_runs(), page, view_title=view_title)
