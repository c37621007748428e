"""networkx graphs built from query results (never from triples in Python)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

__all__ = ["typed_graph", "evidence_text"]


def _present(value: object) -> bool:
    return value is not None and value is not pd.NA and not (
        isinstance(value, float) and value != value)


def _cite(row: dict) -> str:
    where = "; ".join(str(row[k]) for k in ("section", "document", "as_of")
                      if _present(row.get(k)))
    return f'"{row["quote"]}" ({where})'


def evidence_text(rows: pd.DataFrame | list[dict], *, limit: int = 3) -> str:
    """Return plain text citing up to *limit* quotes: '"quote" (section; document, date)'.

    Examples
    --------
    >>> print(evidence_text([{"quote": "BTR (China)", "section": "List", "document": "R"}]))
    "BTR (China)" (List; R)
    """
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    quoted = list({r["quote"]: r for r in records if _present(r.get("quote"))}.values())
    lines = [_cite(r) for r in quoted[:limit]]
    if len(quoted) > limit:
        lines.append(f"... and {len(quoted) - limit} more")
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
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in edges.to_dict("records"):  # one pass: pandas groupby costs ms per group
        for side in ("source", "target"):
            if row[side] not in graph:
                graph.add_node(row[side], label=row[f"{side}_label"], kind=row[f"{side}_kind"])
        groups.setdefault((row["source"], row["relation"], row["target"]), []).append(row)
    for (source, relation, target), rows in sorted(groups.items()):
        title = f"{graph.nodes[source]['label']} {relation} {graph.nodes[target]['label']}"
        evidence = evidence_text(rows)
        quotes = {r["quote"] for r in rows if _present(r.get("quote"))}
        graph.add_edge(source, target, key=relation, kind=relation, weight=max(len(quotes), 1),
                       title=f"{title}\n{evidence}" if evidence else title)
    for _, attrs in graph.nodes(data=True):
        attrs["title"] = f"{attrs['label']} ({attrs['kind']})"
    return graph
