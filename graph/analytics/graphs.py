"""networkx graphs built from query results (never from triples in Python)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

__all__ = ["typed_graph", "evidence_text"]


def evidence_text(rows: pd.DataFrame, *, limit: int = 3) -> str:
    """Return plain text citing up to *limit* quotes: '"quote" (section; document, date)'."""
    lines = []
    for row in rows.drop_duplicates(subset=["quote"]).head(limit).itertuples(index=False):
        quote = getattr(row, "quote", None)
        if quote is None or quote is pd.NA:
            continue
        where = "; ".join(str(x) for x in (getattr(row, "section", None),
                                            getattr(row, "document", None),
                                            getattr(row, "as_of", None))
                          if x is not None and x is not pd.NA)
        lines.append(f'"{quote}" ({where})')
    extra = rows["quote"].nunique() - len(lines) if "quote" in rows else 0
    if extra > 0:
        lines.append(f"... and {extra} more")
    return "\n".join(lines)


def typed_graph(edges: pd.DataFrame) -> nx.MultiDiGraph:
    """Return the typed graph of an edge table such as the ``landscape-edges`` query's.

    Parameters
    ----------
    edges : pandas.DataFrame
        Columns ``source, source_label, source_kind, relation, target, target_label,
        target_kind`` and optionally ``quote, section, document, as_of`` (one row per
        piece of evidence).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``label`` and ``kind``; one edge per (source,
        relation, target) with ``kind``, ``weight`` (pieces of evidence) and
        ``title`` (plain-text evidence).

    Examples
    --------
    >>> frame = pd.DataFrame([{"source": "c", "source_label": "BTR", "source_kind": "Company",
    ...     "relation": "headquarteredIn", "target": "cn", "target_label": "China",
    ...     "target_kind": "Country", "quote": "BTR (China)", "section": "List"}])
    >>> g = typed_graph(frame)
    >>> sorted(g.nodes(data="label"))
    [('c', 'BTR'), ('cn', 'China')]
    """
    graph = nx.MultiDiGraph()
    if edges.empty:
        return graph
    for side in ("source", "target"):
        for iri, label, kind in edges[[side, f"{side}_label", f"{side}_kind"]].drop_duplicates(
                subset=[side]).itertuples(index=False):
            graph.add_node(iri, label=label, kind=kind)
    for (source, relation, target), rows in edges.groupby(["source", "relation", "target"],
                                                          sort=True):
        evidence = evidence_text(rows) if "quote" in rows else ""
        title = f"{graph.nodes[source]['label']} {relation} {graph.nodes[target]['label']}"
        graph.add_edge(source, target, key=relation, kind=relation,
                       weight=int(rows["quote"].nunique()) if "quote" in rows else 1,
                       title=f"{title}\n{evidence}" if evidence else title)
    for _, attrs in graph.nodes(data=True):
        attrs["title"] = f"{attrs['label']} ({attrs['kind']})"
    return graph
