"""What every briefing section reads: the scope (which companies, markets) and shared tables.

A :class:`Context` wraps a :class:`~cikg.answers.session.Session` with the brief's
scope and the tables several sections use (companies with their countries, company
features, citations by quote), each fetched once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .session import Session
from .text import Citation, Sentence, citations_from, present, text

__all__ = ["Scope", "Context", "Section"]


@dataclass
class Scope:
    """What a briefing is about.

    ``kind`` is ``market``, ``material``, ``region`` or ``company``; ``subject`` the
    entity's IRI (None: the whole graph), ``label`` its name; ``companies`` the company
    IRIs in scope (None: every company); ``markets`` the market IRIs (None: all).
    """

    kind: str
    subject: str | None
    label: str
    companies: set[str] | None = None
    markets: set[str] | None = None


@dataclass
class Section:
    """One part of a briefing: sentences with citations, tables and charts."""

    key: str
    title: str
    sentences: list[Sentence] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    charts: list = field(default_factory=list)

    def say(self, sentence_text: str, citations: list[Citation] | None = None) -> None:
        """Add a sentence and its citations."""
        self.sentences.append(Sentence(sentence_text, list(citations or [])))

    def table(self, caption: str, frame: pd.DataFrame) -> None:
        """Add a table (shown as is; IRI columns are the renderer's to drop)."""
        if frame is not None and not frame.empty:
            self.tables.append((caption, frame.reset_index(drop=True)))


@dataclass
class Context:
    """The session and scope of one briefing, with its shared tables."""

    session: Session
    scope: Scope

    def query(self, name: str, /, **params: object) -> pd.DataFrame:
        """Run a catalog query (recorded in the session)."""
        return self.session.query(name, **params)

    def optional(self, name: str, /, **params: object) -> pd.DataFrame | None:
        """Run a catalog query that may not exist in this catalog."""
        return self.session.optional(name, **params)

    def in_scope(self, company: object) -> bool:
        """Whether *company* (an IRI) is one the briefing covers."""
        return self.scope.companies is None or str(company) in self.scope.companies

    def in_scope_mask(self, values: pd.Series) -> pd.Series:
        """Return a boolean mask: which *values* (company IRIs) are in scope."""
        if self.scope.companies is None:
            return pd.Series(True, index=values.index, dtype=bool)
        return values.astype(str).isin(self.scope.companies).astype(bool)

    def keep(self, frame: pd.DataFrame, column: str = "company") -> pd.DataFrame:
        """Return the rows of *frame* whose *column* is a company in scope."""
        if self.scope.companies is None or frame.empty:
            return frame
        return frame.loc[self.in_scope_mask(frame[column])]

    def market_ok(self, market: object) -> bool:
        """Whether *market* (an IRI) is one the briefing covers."""
        return self.scope.markets is None or str(market) in self.scope.markets

    @cached_property
    def lookup(self) -> dict[str, Citation]:
        """Quote -> citation (section, source, as-of) of every quoted passage."""
        rows = self.query("answers-citations")
        out: dict[str, Citation] = {}
        for row in rows.to_dict("records"):
            quote = text(row.get("quote"))
            if quote and quote not in out:
                out[quote] = Citation(quote, text(row.get("section")),
                                      text(row.get("document")), text(row.get("as_of")))
        return out

    def cite(self, rows: pd.DataFrame | None, limit: int = 3) -> list[Citation]:
        """Return the citations of the quotes of *rows* (first *limit*)."""
        if rows is None:
            return []
        return citations_from(rows, lookup=self.lookup, limit=limit)

    def cite_quote(self, quote: object, source: object = "") -> list[Citation]:
        """Return the citation of one quote."""
        if not present(quote):
            return []
        return self.cite(pd.DataFrame({"quote": [quote], "source": [text(source)]}))

    def cite_containing(self, fragment: str, source: str = "") -> list[Citation]:
        """Return the citation of the first quote that contains *fragment* (from *source*)."""
        for quote, citation in sorted(self.lookup.items(), key=lambda kv: len(kv[0])):
            if fragment and fragment in quote and (not source or citation.source == source):
                return [citation]
        return []

    @cached_property
    def features(self) -> pd.DataFrame:
        """Stated relations of companies, one row per passage (``landscape-edges``).

        Columns ``company, company_label, relation, concept, concept_label, kind, quote,
        section, document, as_of``; relations are ``headquarteredIn``, ``supplies``,
        ``serves``, ``activeIn``, ``competesWith``, ``leads``.
        """
        edges = self.query("landscape-edges")
        edges = edges[edges["source_kind"] == "Company"]
        return edges.rename(columns={
            "source": "company", "source_label": "company_label", "target": "concept",
            "target_label": "concept_label", "target_kind": "kind"})[
            ["company", "company_label", "relation", "concept", "concept_label", "kind",
             "quote", "section", "document", "as_of"]].reset_index(drop=True)

    @cached_property
    def places(self) -> pd.DataFrame:
        """Headquarters statements: :attr:`features` rows of ``headquarteredIn``."""
        rows = self.features[self.features["relation"] == "headquarteredIn"]
        return rows.assign(country_code=rows["concept"].map(self.country_code))

    @cached_property
    def _codes(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for code, hits in self.session.index().codes.items():
            for entity, _, _ in hits:
                if len(code) == 2:
                    out.setdefault(entity, code)
        return out

    def country_code(self, country: object) -> str | None:
        """Return the ISO alpha-2 code of a country IRI (None when the graph has none)."""
        return self._codes.get(str(country))

    @cached_property
    def companies(self) -> pd.DataFrame:
        """One row per company: ``company, company_label, country, country_label``.

        Every company of the graph (the ``entities`` query), with the headquarters
        country that the most passages give; scope filtering is the caller's.
        """
        names = self.query("entities")[["company", "label", "country"]]
        hq = self.places.dropna(subset=["country_code"])
        hq = (hq.groupby(["company", "country_code", "concept_label"])["quote"].nunique()
              .reset_index().sort_values(["company", "quote", "country_code"],
                                         ascending=[True, False, True])
              .drop_duplicates("company").rename(columns={"concept_label": "country_label"}))
        frame = names.merge(hq[["company", "country_code", "country_label"]], on="company",
                            how="left")
        code = frame["country_code"].where(frame["country_code"].notna(),
                                           frame["country"].map(_first))
        frame = frame.assign(company_label=frame["label"], country=code)
        frame["country_label"] = frame["country_label"].where(
            frame["country_label"].notna(), frame["country"].map(self.country_name))
        return frame[["company", "company_label", "country", "country_label"]] \
            .sort_values("company_label", kind="mergesort").reset_index(drop=True)

    def label(self, entity: object) -> str:
        """Return the preferred label of an entity IRI."""
        return self.session.index().label(str(entity))

    def country_name(self, code: object) -> str:
        """Return a country's preferred label from its ISO code (the code when unknown)."""
        if not present(code):
            return ""
        hits = self.session.index().codes.get(str(code))
        return hits[0][2] if hits else str(code)

    def figure_quotes(self, company: str, value: object) -> pd.DataFrame:
        """The passages that state *company*'s figure of *value* (``answers-figures``)."""
        rows = self.query("answers-figures", company=company)
        return rows[rows["value"] == value]

    def scoped_companies(self) -> pd.DataFrame:
        """The rows of :attr:`companies` in scope."""
        return self.keep(self.companies)

    def hq_rows(self, companies: set[str]) -> pd.DataFrame:
        """The headquarters passages of *companies* (for citations), best first."""
        rows = self.places[self.places["company"].astype(str).isin(companies)]
        rows = rows.assign(_table=rows["section"].isna())
        return rows.sort_values(["_table", "company", "quote"]) \
            .drop_duplicates(["company", "quote"]).drop(columns="_table")


def _first(cell: object) -> object:
    if not present(cell):
        return None
    return str(cell).split(";")[0].strip() or None
