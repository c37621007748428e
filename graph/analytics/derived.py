"""Derived graphs: analysis results written back with their provenance, and read again.

Each analysis owns one named graph, ``https://w3id.org/cikg/graph/derived/{name}``,
replaced as a whole on every run (``Store.replace``). It holds the run as a
``cikg:Analysis`` (a ``prov:Activity``) with ``prov:startedAtTime``,
``prov:endedAtTime``, one ``cikg:parameter "name=value"`` per parameter, ``prov:used``
for every source it read, and ``cikg:inputDigest``: a SHA-256 over what the run read
(the contents of its input queries, or the sources' IRIs, content hashes and load times
with the names of their graphs) and the parameters. A later run with the same digest
reuses the graph instead of recomputing.

Results are either competition edges (``cikg:CompetitionEdge`` about two companies,
with ``cikg:weight``, one ``cikg:reason`` text and ``prov:wasDerivedFrom`` the assertion
graphs that state the competition; ``cikg:overlapsWith`` between companies that
overlap) or generic results (``cikg:AnalysisResult`` about one or two entities, with
``cikg:measure`` naming the column and ``cikg:score`` or ``cikg:reason`` its value).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from pyoxigraph import Literal, NamedNode, Quad

from cikg.loaders.provenance import literal
from cikg.ontology.ids import GRAPH_BASE, ID_BASE, PROV, RDF_TYPE, RDFS_LABEL, node
from cikg.ontology.namespace import CIKG

__all__ = ["DERIVED_BASE", "Run", "derived_graph", "activity_iri", "input_digest",
           "activity_quads", "edge_quads", "result_quads", "parse_run", "RUN_QUERY",
           "EDGES_QUERY", "RESULTS_QUERY", "INPUTS_QUERY", "pivot_results", "run_query", "now"]

DERIVED_BASE = GRAPH_BASE + "derived/"
_XSD_DECIMAL = node("http://www.w3.org/2001/XMLSchema#decimal")


def derived_graph(name: str) -> NamedNode:
    """Return the IRI of the derived graph of analysis *name*.

    Examples
    --------
    >>> derived_graph("competition").value
    'https://w3id.org/cikg/graph/derived/competition'
    """
    return node(DERIVED_BASE + name)


def activity_iri(name: str) -> NamedNode:
    """Return the IRI of the (latest) run of analysis *name*."""
    return node(f"{ID_BASE}analysis/{name}")


@dataclass(frozen=True)
class Run:
    """One run of an analysis: what it was called with, on what, and when."""

    name: str
    parameters: dict[str, str]
    digest: str
    started: datetime
    ended: datetime
    used: tuple[str, ...] = field(default=())
    #: Quads the derived graph holds (0 when unknown).
    quads: int = 0


def input_digest(sources: pd.DataFrame, graphs: Iterable[str],
                 parameters: Mapping[str, object]) -> str:
    """Return the SHA-256 that identifies an analysis's inputs.

    Parameters
    ----------
    sources : pandas.DataFrame
        ``source, content_hash, loaded`` (the rows of :data:`INPUTS_QUERY`).
    graphs : iterable of str
        The named graphs of the store, derived graphs left out by the caller.
    parameters : dict
        The analysis's parameters.

    Examples
    --------
    >>> s = pd.DataFrame({"source": ["s"], "content_hash": ["h"], "loaded": ["t"]})
    >>> input_digest(s, ["g"], {"k": 1}) == input_digest(s, ["g"], {"k": 1})
    True
    >>> input_digest(s, ["g"], {"k": 1}) == input_digest(s, ["g"], {"k": 2})
    False
    """
    digest = hashlib.sha256()
    for row in sorted(tuple(str(v) for v in r) for r in
                      sources[["source", "content_hash", "loaded"]].itertuples(index=False)):
        digest.update(("\t".join(row) + "\n").encode())
    digest.update(b"--\n")
    for graph in sorted(graphs):
        digest.update((graph + "\n").encode())
    digest.update(b"--\n")
    for key in sorted(parameters):
        digest.update(f"{key}={parameters[key]}\n".encode())
    return digest.hexdigest()


def activity_quads(run: Run) -> list[Quad]:
    """Return the quads describing *run* in its derived graph."""
    graph, act = derived_graph(run.name), activity_iri(run.name)
    triples: list[tuple] = [
        (act, node(RDF_TYPE), node(CIKG.Analysis)), (act, node(RDFS_LABEL), literal(run.name)),
        (act, node(PROV + "startedAtTime"), literal(run.started)),
        (act, node(PROV + "endedAtTime"), literal(run.ended)),
        (act, node(CIKG.inputDigest), literal(run.digest))]
    triples += [(act, node(CIKG.parameter), literal(f"{k}={v}"))
                for k, v in sorted(run.parameters.items())]
    triples += [(act, node(PROV + "used"), node(s)) for s in sorted(run.used)]
    return [Quad(s, p, o, graph) for s, p, o in triples]


def _decimal(value: float) -> Literal:
    return literal(float(value)) if np.isfinite(value) else Literal("0", datatype=_XSD_DECIMAL)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\u001f".join(parts).encode()).hexdigest()[:16]


def edge_quads(edges: pd.DataFrame, graph: NamedNode, *,
               asserted_graphs: Mapping[tuple[str, str], Sequence[str]] | None = None
               ) -> Iterator[Quad]:
    """Yield the quads of competition edges (``a, b, weight, asserted, reasons`` rows).

    An edge between companies that overlap (``materials`` and ``markets`` above 0,
    where given) also gets ``a cikg:overlapsWith b``; an asserted one gets
    ``prov:wasDerivedFrom`` each graph in *asserted_graphs* for its pair.
    """
    kind, about, weight = node(RDF_TYPE), node(CIKG.about), node(CIKG.weight)
    reason, overlaps = node(CIKG.reason), node(CIKG.overlapsWith)
    derived, edge_class = node(PROV + "wasDerivedFrom"), node(CIKG.CompetitionEdge)
    asserted_graphs = asserted_graphs or {}
    overlap = ((edges["materials"] > 0) & (edges["markets"] > 0)).to_numpy() \
        if {"materials", "markets"} <= set(edges.columns) else ~edges["asserted"].to_numpy()
    for row, overlapping in zip(edges[["a", "b", "weight", "reasons"]].itertuples(
            index=False, name=None), overlap, strict=True):
        a, b, w, text = row
        edge = node(f"{ID_BASE}competition/{_digest(a, b)}")
        company_a, company_b = node(a), node(b)
        yield Quad(edge, kind, edge_class, graph)
        yield Quad(edge, about, company_a, graph)
        yield Quad(edge, about, company_b, graph)
        yield Quad(edge, weight, _decimal(w), graph)
        if text:
            yield Quad(edge, reason, Literal(str(text)), graph)
        if overlapping:
            yield Quad(company_a, overlaps, company_b, graph)
        for source in asserted_graphs.get((a, b), ()):
            yield Quad(edge, derived, node(source), graph)


def result_quads(frame: pd.DataFrame, graph: NamedNode, name: str, *, about: Sequence[str],
                 scores: Sequence[str] = (), texts: Sequence[str] = ()) -> Iterator[Quad]:
    """Yield one ``cikg:AnalysisResult`` per row and value column of *frame*.

    Parameters
    ----------
    frame : pandas.DataFrame
        The analysis's result.
    graph : NamedNode
        The derived graph.
    name : str
        The analysis (part of each result's IRI).
    about : sequence of str
        Columns holding the IRIs each row is about (one or two).
    scores, texts : sequence of str
        Numeric columns (``cikg:score``) and text columns (``cikg:reason``).
    """
    kind, about_p, measure = node(RDF_TYPE), node(CIKG.about), node(CIKG.measure)
    score_p, reason_p, result_class = node(CIKG.score), node(CIKG.reason), \
        node(CIKG.AnalysisResult)
    columns = list(about) + list(scores) + list(texts)
    for row in frame[columns].itertuples(index=False, name=None):
        subjects = [str(v) for v in row[: len(about)] if isinstance(v, str) and v]
        values = dict(zip(columns, row, strict=True))
        for column in [*scores, *texts]:
            value = values[column]
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                continue
            result = node(f"{ID_BASE}result/{name}/{_digest(*subjects, column)}")
            yield Quad(result, kind, result_class, graph)
            for subject in subjects:
                yield Quad(result, about_p, node(subject), graph)
            yield Quad(result, measure, Literal(column), graph)
            if column in scores:
                yield Quad(result, score_p, _decimal(float(value)), graph)
            else:
                yield Quad(result, reason_p, Literal(str(value)), graph)


#: The sources an analysis depends on: IRI, content hash and latest load time.
INPUTS_QUERY = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (MIN(STR(?hash)) AS ?content_hash) (MAX(STR(?ended)) AS ?loaded) WHERE {
  VALUES ?class { cikg:Source cikg:Report cikg:Table cikg:RdfDocument }
  ?source a ?class .
  OPTIONAL { ?source cikg:contentHash ?hash }
  OPTIONAL { ?source prov:wasGeneratedBy/prov:endedAtTime ?ended }
}
GROUP BY ?source
ORDER BY ?source"""

RUN_QUERY = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?digest ?started ?ended ?parameter ?used WHERE {
  GRAPH <GRAPH> { <ACTIVITY> cikg:inputDigest ?digest ; prov:startedAtTime ?started ;
                                 prov:endedAtTime ?ended .
                  OPTIONAL { <ACTIVITY> cikg:parameter ?parameter }
                  OPTIONAL { <ACTIVITY> prov:used ?used } }
}"""

EDGES_QUERY = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?a ?b ?weight ?reasons ?asserted WHERE {
  GRAPH <GRAPH> {
    ?edge a cikg:CompetitionEdge ; cikg:about ?a, ?b ; cikg:weight ?weight .
    FILTER(STR(?a) < STR(?b))
    OPTIONAL { ?edge cikg:reason ?reasons }
    BIND(EXISTS { ?edge prov:wasDerivedFrom ?g } AS ?asserted)
  }
}"""

RESULTS_QUERY = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
SELECT ?result ?about ?measure ?score ?reason WHERE {
  GRAPH <GRAPH> {
    ?result a cikg:AnalysisResult ; cikg:about ?about ; cikg:measure ?measure .
    OPTIONAL { ?result cikg:score ?score }
    OPTIONAL { ?result cikg:reason ?reason }
  }
}"""


def parse_run(name: str, rows: pd.DataFrame) -> Run | None:
    """Return the :class:`Run` of the rows of :data:`RUN_QUERY`, or None without rows."""
    if rows.empty:
        return None
    first = rows.iloc[0]
    parameters = dict(str(p).split("=", 1) for p in rows["parameter"].dropna().unique())
    used = tuple(sorted(str(u) for u in rows["used"].dropna().unique()))

    def when(value: object) -> datetime:
        if isinstance(value, datetime):
            return value
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))

    return Run(name, parameters, str(first["digest"]), when(first["started"]),
               when(first["ended"]), used)


def run_query(name: str, template: str) -> str:
    """Return *template* with the derived graph and activity IRIs of *name* filled in."""
    return template.replace("<GRAPH>", str(derived_graph(name))).replace(
        "<ACTIVITY>", str(activity_iri(name)))


def pivot_results(rows: pd.DataFrame, about: Sequence[str]) -> pd.DataFrame:
    """Return the long results of :data:`RESULTS_QUERY` as one row per result subject.

    *about* names the columns to put the (one or two, sorted) IRIs of each result in.
    """
    if rows.empty:
        return pd.DataFrame(columns=list(about))
    subjects = rows.groupby("result")["about"].agg(lambda s: tuple(sorted(set(s))))
    values = rows.drop_duplicates("result").set_index("result")
    value = values["score"].astype(object).where(values["score"].notna(), values["reason"])
    long = pd.DataFrame({"key": subjects.reindex(values.index), "measure": values["measure"],
                         "value": value})
    wide = long.pivot_table(index="key", columns="measure", values="value", aggfunc="first")
    wide = wide.reset_index()
    for n, column in enumerate(about):
        wide[column] = [k[n] if len(k) > n else None for k in wide["key"]]
    return wide.drop(columns=["key"])


def now() -> datetime:
    """Return the current UTC time (the clock of derived runs)."""
    return datetime.now(UTC)
