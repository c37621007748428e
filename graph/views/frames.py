"""A query result as a graph to show: which columns become nodes, edges and tooltips.

The convention (``cikg view query NAME`` uses it for any catalog query):

* **Node columns** are the text columns holding at least one IRI (``http:``,
  ``https:`` or ``urn:``), except web addresses (``url``, ``*_url``) and the relation
  columns below. A node column ``x`` takes its label from a column ``x_label`` (or
  ``x_name``) and its class from ``x_kind``; without them the label is the IRI's last
  segment and the class the column name (``company`` shows as ``Company``). A
  literal in a node column (the object of an ``evidence`` row, a conflicting value)
  becomes a ``Value`` node labelled with the text.
* **Edges**: in each row, the first node column is the subject, with an edge to the
  value of every other node column. With exactly two node columns the edge kind is
  the ``relation``, ``predicate`` or ``property`` column (an IRI shows as its last
  segment); otherwise it is the target column's name.
  Rows that say the same (subject, kind, target) make one edge whose ``weight`` is
  the number of distinct quotes (or rows).
* **Evidence**: the columns ``quote``, ``section``, ``document``, ``as_of`` (or
  ``date``) go into the tooltip of the row's edge (or of the subject when the row has
  no edge), as lines ``"quote" (section; document, as of)``.
* **Figures**: every other column is a key figure of the row's subject node, shown in
  its tooltip as ``column: value`` (distinct values joined with ``|``, so figures on
  which sources disagree show side by side).

A query with no node column cannot be drawn: :func:`frame_graph` says so.
"""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd

from cikg.errors import CikgError

from .styles import NODE_STYLES

__all__ = ["frame_graph", "conflict_graph", "node_columns", "EVIDENCE_COLUMNS"]

_IRI = re.compile(r"^(https?|urn):\S+$")
#: Columns read as evidence (quote, section, document, date) rather than figures.
EVIDENCE_COLUMNS = ("quote", "section", "document", "as_of", "date")
_RELATION_COLUMNS = ("relation", "predicate", "property")
_MAX_FIGURE_VALUES = 4


def _present(value: object) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and value != value:
        return False
    return str(value) not in ("", "<NA>", "NaT")


def node_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns of *frame* that hold nodes (IRIs), in column order.

    Examples
    --------
    >>> node_columns(pd.DataFrame({"company": ["https://w3id.org/cikg/id/company/btr"],
    ...                            "url": ["https://example.org"], "n": [3]}))
    ['company']
    """
    found = []
    for column in frame.columns:
        name = str(column)
        series = frame[column]
        if name == "url" or name.endswith("_url") or name in _RELATION_COLUMNS or not (
                pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        if any(isinstance(v, str) and _IRI.match(v) for v in series.tolist()):
            found.append(name)
    # a label column may fall back to the IRI: x_label is x's companion, not a node
    return [c for c in found if not any(c == f"{d}_{s}" for d in found
                                        for s in ("label", "name", "kind"))]


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _figure(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return f"{value:,.6g}" if isinstance(value, float) else str(value)


def _kind(column: str) -> str:
    known = {k.lower(): k for k in NODE_STYLES}
    return known.get(column.lower().replace("_", ""), column)


def frame_graph(frame: pd.DataFrame, *, name: str = "query") -> nx.MultiDiGraph:
    """Return the graph a query result draws (see the module docstring for the rules).

    Parameters
    ----------
    frame : pandas.DataFrame
        A query result, such as :meth:`cikg.api.KnowledgeGraph.query` returns.
    name : str
        The query's name, for error messages.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``label``, ``kind`` and ``figures``; edges keyed by kind
        with ``kind``, ``weight`` and ``evidence``.

    Raises
    ------
    CikgError
        When the query returned rows but no column holds IRIs (an empty result gives
        an empty graph).

    Examples
    --------
    >>> rows = pd.DataFrame([
    ...     {"company": "https://w3id.org/cikg/id/company/btr", "company_label": "BTR",
    ...      "country": "https://w3id.org/cikg/id/country/cn", "country_label": "China",
    ...      "capacity": 12000, "quote": "BTR (China)", "section": "Companies"}])
    >>> g = frame_graph(rows)
    >>> sorted(g.nodes(data="kind"))[0], g.nodes["https://w3id.org/cikg/id/company/btr"]
    (('https://w3id.org/cikg/id/company/btr', 'Company'), {'label': 'BTR', 'kind': 'Company', \
'figures': {'capacity': '12,000'}})
    >>> [(d["kind"], d["evidence"][0]["quote"]) for _, _, d in g.edges(data=True)]
    [('country', 'BTR (China)')]
    """
    if frame.empty:
        return nx.MultiDiGraph()
    columns = node_columns(frame)
    if not columns:
        raise CikgError(
            f"query {name} has no column of IRIs, so there is nothing to draw as nodes; "
            "a query view needs IRI columns (see cikg.views.frames), e.g. "
            "cikg view query landscape-edges")
    companions = {f"{c}_{s}" for c in columns for s in ("label", "name", "kind")}
    evidence_columns = [c for c in EVIDENCE_COLUMNS if c in frame.columns]
    relation = next((c for c in _RELATION_COLUMNS if c in frame.columns), None) \
        if len(columns) == 2 else None
    figure_columns = [str(c) for c in frame.columns
                      if c not in columns and c not in companions and c not in evidence_columns
                      and c != relation]
    graph = nx.MultiDiGraph()
    figures: dict[str, dict[str, list[str]]] = {}
    edge_evidence: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    edge_rows: dict[tuple[str, str, str], int] = {}
    for row in frame.to_dict("records"):
        present = [str(c) for c in columns if _present(row[c])]
        keys: dict[str, str] = {}
        for column in present:
            value = row[column]
            if isinstance(value, str) and _IRI.match(value):
                keys[column] = value
                if value not in graph:
                    label = next((row[f"{column}_{s}"] for s in ("label", "name")
                                  if _present(row.get(f"{column}_{s}"))), None)
                    kind = row.get(f"{column}_kind")
                    graph.add_node(value, label=str(label) if label is not None else _tail(value),
                                   kind=str(kind) if _present(kind) else _kind(column))
            else:  # a literal where nodes are expected: a Value node with its text
                keys[column] = f"value:{value}"
                graph.add_node(keys[column], label=_figure(value), kind="Value")
        if not present:
            continue
        subject = keys[present[0]]
        evidence: dict[str, object] = {c: row[c] for c in evidence_columns if _present(row[c])}
        slot = figures.setdefault(subject, {})
        for column in figure_columns:
            if _present(row[column]):
                text = _figure(row[column])
                values = slot.setdefault(column, [])
                if text not in values:
                    values.append(text)
        targets = present[1:]
        if not targets and evidence:
            graph.nodes[subject].setdefault("evidence", []).append(evidence)
        for column in targets:
            kind = _tail(str(row[relation])) if relation and _present(row[relation]) else column
            key = (subject, kind, keys[column])
            edge_rows[key] = edge_rows.get(key, 0) + 1
            pieces = edge_evidence.setdefault(key, [])
            if evidence and evidence not in pieces:
                pieces.append(evidence)
    for subject, columns_values in figures.items():
        if columns_values:
            graph.nodes[subject]["figures"] = {
                k: " | ".join(v[:_MAX_FIGURE_VALUES]) + (" | ..." if len(v) > _MAX_FIGURE_VALUES
                                                         else "")
                for k, v in columns_values.items()}
    for (subject, kind, target), pieces in sorted(edge_evidence.items()):
        quotes = {str(e["quote"]) for e in pieces if "quote" in e}
        graph.add_edge(subject, target, key=kind, kind=kind, evidence=pieces,
                       weight=len(quotes) or edge_rows[(subject, kind, target)])
    return graph


_KINDS = {"company": "Company", "market": "Market", "country": "Country", "region": "Region",
          "material": "MaterialType", "application": "Application", "end-user": "EndUser",
          "initiative": "Initiative", "organization": "Organization"}


def conflict_graph(frame: pd.DataFrame) -> nx.MultiDiGraph:
    """Return the graph of the ``conflicts`` query: what each source says, side by side.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows ``subject, subject_label, property, value_a, source_a, quote_a, value_b,
        source_b, quote_b`` (one per pair of disagreeing sources).

    Returns
    -------
    networkx.MultiDiGraph
        The subject (class from its IRI: ``id/company/...`` is a ``Company``), one
        ``Value`` node per value it is given, linked by the property, and one ``Source``
        node per source, linked to the value it ``states`` with the quote as evidence.

    Examples
    --------
    >>> rows = pd.DataFrame([{"subject": "https://w3id.org/cikg/id/company/acme",
    ...     "subject_label": "Acme", "property": "headquarters", "value_a": "CN",
    ...     "source_a": "R1 (2025-01-01)", "quote_a": "Acme (China)", "value_b": "JP",
    ...     "source_b": "T2 (2025-02-01)", "quote_b": "Acme, Japan"}])
    >>> g = conflict_graph(rows)
    >>> sorted((g.nodes[u]["label"], k, g.nodes[v]["label"]) for u, v, k in g.edges(keys=True))
    [('Acme', 'headquarters', 'CN'), ('Acme', 'headquarters', 'JP'), \
('R1 (2025-01-01)', 'states', 'CN'), ('T2 (2025-02-01)', 'states', 'JP')]
    """
    graph = nx.MultiDiGraph()
    for row in frame.to_dict("records"):
        subject = str(row["subject"])
        kind = _KINDS.get(subject.rstrip("/").split("/")[-2], "Other") if "/" in subject \
            else "Other"
        label = row.get("subject_label")
        graph.add_node(subject, label=str(label) if _present(label) else _tail(subject),
                       kind=kind)
        prop = str(row["property"])
        for side in ("a", "b"):
            value, source = str(row[f"value_{side}"]), str(row[f"source_{side}"])
            value_node = f"value:{subject}:{prop}:{value}"
            source_node = f"source:{source}"
            graph.add_node(value_node, label=value, kind="Value")
            graph.add_node(source_node, label=source, kind="Source")
            graph.add_edge(subject, value_node, key=prop, kind=prop)
            evidence = {"quote": row.get(f"quote_{side}"), "source": source}
            edge = graph.get_edge_data(source_node, value_node, key="states")
            if edge is None:
                graph.add_edge(source_node, value_node, key="states", kind="states",
                               evidence=[evidence])
            elif evidence not in edge["evidence"]:
                edge["evidence"].append(evidence)
    return graph
