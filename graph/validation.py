"""Validate a cikg graph against ``ontology/shapes.ttl`` (SHACL) with pySHACL.

:func:`validate` flattens the data (every named graph), adds the ontology and the
taxonomies, and runs pySHACL once on the merged graph with inference ``"none"``:
the merged ``rdfs:subClassOf`` triples are enough for ``sh:class``, and RDFS
inference would *hide* errors (a ``cikg:headquarteredIn`` value would become a
``cikg:Country`` through the property's range instead of being reported).

Violations are data, not errors: :func:`validate` returns a :class:`ValidationReport`
and raises :class:`~cikg.errors.ValidationError` only for input it cannot use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl
from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, PROV, SH
from rdflib.term import Node

from cikg.errors import ValidationError
from cikg.ontology import shapes_text, vocabulary_graphs
from cikg.ontology.ids import GRAPH_BASE
from cikg.ontology.namespace import CIKG

__all__ = ["ViolationRow", "ValidationReport", "validate", "undefined_terms", "merged_graph"]

NS = str(CIKG._NS)
SOURCE_CLASSES = (CIKG.Source, CIKG.Report, CIKG.Table, CIKG.RdfDocument)
_ASSERTION_GRAPH = re.compile(re.escape(GRAPH_BASE) + r"source/[^/]+/a/[^/]+$")
_SOURCE_GRAPH = re.compile(re.escape(GRAPH_BASE) + r"source/[^/]+")
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_PREFIXES = (
    (NS, "cikg:"), (str(SKOS), "skos:"), (str(RDFS), "rdfs:"), (str(RDF), "rdf:"),
    (str(PROV), "prov:"), (str(DCTERMS), "dcterms:"), ("https://schema.org/", "schema:"),
)


@dataclass(frozen=True, order=True)
class ViolationRow:
    """One SHACL result, in words a person can act on.

    Attributes
    ----------
    focus : str
        The IRI (or ``_:`` blank node id) of the node that breaks a rule.
    focus_label : str
        Its ``rdfs:label`` / ``skos:prefLabel`` / ``dcterms:title``, or ``""``.
    path : str
        The property involved, as a CURIE (``cikg:year``), or ``""`` for node rules.
    message : str
        What is wrong and how to fix it.
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    source : str
        The IRIs of the sources whose graphs state the focus node (comma-separated),
        or ``""`` when it cannot be found (plain graphs keep no provenance).
    component : str
        The SHACL constraint component (``MinCount``, ``Datatype`` ...), or
        ``"cikg"`` for rules checked outside SHACL.
    value : str
        The offending value, or ``""``.
    """

    focus: str
    focus_label: str
    path: str
    message: str
    severity: str
    source: str = ""
    component: str = ""
    value: str = ""


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`.

    Attributes
    ----------
    conforms : bool
        True when no row has severity ``"Violation"`` (warnings do not fail a graph).
    results : list of ViolationRow
        Every result, violations first, then sorted by focus and path.
    triples : int
        The number of triples checked (data + vocabularies).
    source_titles : dict of str to str
        Source IRI -> title, for readable reports.
    """

    conforms: bool
    results: list[ViolationRow] = field(default_factory=list)
    triples: int = 0
    source_titles: dict[str, str] = field(default_factory=dict)

    @property
    def violations(self) -> list[ViolationRow]:
        """The rows with severity ``"Violation"``."""
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ViolationRow]:
        """The rows with severity ``"Warning"``."""
        return [r for r in self.results if r.severity == "Warning"]

    def to_text(self) -> str:
        """Return a readable report, one block per result.

        Returns
        -------
        str
            A summary line, then for each result its severity, focus node (label and
            IRI), path, message, offending value and source.

        Examples
        --------
        >>> ValidationReport(conforms=True, triples=10).to_text()
        'Valid: 0 violations, 0 warnings in 10 triples.\\n'
        """
        head = "Valid" if self.conforms else "Invalid"
        lines = [f"{head}: {len(self.violations)} violations, {len(self.warnings)} warnings"
                 f" in {self.triples} triples."]
        for row in self.results:
            who = f"{row.focus_label} <{row.focus}>" if row.focus_label else f"<{row.focus}>"
            lines.append("")
            lines.append(f"{row.severity.upper()}: {who}")
            if row.path:
                lines.append(f"  path:    {row.path}")
            lines.append(f"  message: {row.message}")
            if row.value:
                lines.append(f"  value:   {row.value}")
            if row.source:
                names = [f"{self.source_titles[s]} <{s}>" if s in self.source_titles else f"<{s}>"
                         for s in row.source.split(", ")]
                lines.append(f"  source:  {'; '.join(names)}")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- merging

@lru_cache(maxsize=1)
def _vocabulary_triples() -> tuple[tuple[Node, Node, Node], ...]:
    graph = Graph()
    for text in vocabulary_graphs().values():
        graph.parse(data=text, format="turtle")
    return tuple(graph)


@lru_cache(maxsize=1)
def _shapes_graph() -> Graph:
    return Graph().parse(data=shapes_text(), format="turtle")


def _named_graphs(data: Graph | Dataset) -> dict[Node, Graph]:
    """Named graphs of *data* by identifier (a plain Graph gives none)."""
    if isinstance(data, Dataset | ConjunctiveGraph):
        graphs = data.graphs() if isinstance(data, Dataset) else data.contexts()
        return {g.identifier: g for g in graphs if len(g)}
    return {}


def merged_graph(data: Graph | Dataset) -> Graph:
    """Return one graph holding *data* (all named graphs flattened) and the vocabularies.

    Every non-empty named graph whose IRI has the assertion-graph form
    ``graph/source/{slug}/a/{digest}`` is typed ``cikg:AssertionGraph`` in the result,
    so that the shapes check that it has a source and a quote.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        The data to check.

    Returns
    -------
    rdflib.Graph
        A new graph; *data* is not changed.

    Raises
    ------
    ValidationError
        If *data* is not an rdflib Graph or Dataset.
    """
    if not isinstance(data, Graph):
        raise ValidationError(
            f"cannot validate {type(data).__name__!s}: pass an rdflib Graph or Dataset")
    merged = Graph()
    if isinstance(data, Dataset | ConjunctiveGraph):
        for s, p, o, _ in data.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        for triple in data:
            merged.add(triple)
    for name in _named_graphs(data):
        if isinstance(name, URIRef) and _ASSERTION_GRAPH.match(str(name)):
            merged.add((name, RDF.type, CIKG.AssertionGraph))
    for triple in _vocabulary_triples():
        merged.add(triple)
    return merged


# ---------------------------------------------------------------------- provenance

class _Provenance:
    """Which sources state which nodes, from the named graphs of the data."""

    def __init__(self, data: Graph | Dataset, merged: Graph) -> None:
        self.graphs = _named_graphs(data)
        self.merged = merged
        self._graph_source: dict[Node, str] = {}

    def source_of_graph(self, name: Node) -> str:
        if name in self._graph_source:
            return self._graph_source[name]
        source = self.merged.value(name, PROV.wasDerivedFrom)
        result = str(source) if source is not None else ""
        if not result and isinstance(name, URIRef):
            match = _SOURCE_GRAPH.match(str(name))
            graph = self.graphs.get(URIRef(match.group(0))) if match else None
            if graph is not None:
                found = sorted(str(s) for c in SOURCE_CLASSES for s in graph.subjects(RDF.type, c))
                result = found[0] if found else ""
        self._graph_source[name] = result
        return result

    def sources_of(self, focus: Node) -> list[str]:
        if any((focus, RDF.type, c) in self.merged for c in SOURCE_CLASSES):
            return [str(focus)]
        derived = self.merged.value(focus, PROV.wasDerivedFrom)
        if (focus, RDF.type, CIKG.AssertionGraph) in self.merged and derived is not None:
            return [str(derived)]
        found = {self.source_of_graph(name) for name, graph in self.graphs.items()
                 if (focus, None, None) in graph}
        return sorted(s for s in found if s)

    def sources_of_triples(self, subject: Node, predicate: Node) -> dict[str, set[Node]]:
        """Source -> the objects it gives for (subject, predicate)."""
        result: dict[str, set[Node]] = defaultdict(set)
        for name, graph in self.graphs.items():
            for obj in graph.objects(subject, predicate):
                result[self.source_of_graph(name) or str(name)].add(obj)
        return result


# ---------------------------------------------------------------------- validate

def _curie(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "(complex path)"
    text = str(term)
    for base, prefix in _PREFIXES:
        if text.startswith(base):
            return prefix + text[len(base):]
    return text


def _label(graph: Graph, node: Node) -> str:
    for predicate in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        values = sorted(str(v) for v in graph.objects(node, predicate))
        if values:
            return values[0]
    return ""


def _node_text(node: Node) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return node.n3()
    return str(node)


def _rows_from_results(results: Graph, merged: Graph, prov: _Provenance) -> list[ViolationRow]:
    rows = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None:
            continue
        severity = results.value(result, SH.resultSeverity)
        component = results.value(result, SH.sourceConstraintComponent)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        rows.append(ViolationRow(
            focus=_node_text(focus),
            focus_label=_label(merged, focus),
            path=_curie(results.value(result, SH.resultPath)),
            message=messages[0] if messages else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            source=", ".join(prov.sources_of(focus)),
            component=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
            value=_node_text(value) if value is not None and value != focus else "",
        ))
    return rows


def _headquarters_rows(merged: Graph, prov: _Provenance) -> list[ViolationRow]:
    """One source may give a company one headquarters country; two sources may disagree."""
    if not prov.graphs:
        return []
    rows = []
    companies = {s for s in merged.subjects(CIKG.headquarteredIn, None)
                 if len(set(merged.objects(s, CIKG.headquarteredIn))) > 1}
    for company in sorted(companies, key=str):
        for source, countries in sorted(prov.sources_of_triples(
                company, CIKG.headquarteredIn).items()):
            if len(countries) > 1:
                shown = ", ".join(sorted(str(c) for c in countries))
                rows.append(ViolationRow(
                    focus=str(company), focus_label=_label(merged, company),
                    path="cikg:headquarteredIn",
                    message=f"One source gives {len(countries)} headquarters countries ({shown});"
                            " a source may give only one",
                    severity="Violation", source=source, component="cikg"))
    return rows


def _self_competition_rows(merged: Graph, prov: _Provenance) -> list[ViolationRow]:
    """cikg:competesWith is irreflexive (a SPARQL shape would be re-parsed per company)."""
    return [ViolationRow(
        focus=str(s), focus_label=_label(merged, s), path="cikg:competesWith",
        message="A company cannot compete with itself (cikg:competesWith is irreflexive)",
        severity="Violation", source=", ".join(prov.sources_of(s)), component="cikg",
        value=str(o)) for s, _, o in merged.triples((None, CIKG.competesWith, None)) if s == o]


def validate(data: Graph | Dataset) -> ValidationReport:
    """Check *data* against the SHACL shapes of cikg.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        The data graph. A Dataset is flattened (every named graph); its named graphs
        are used to name the source of each result and to check that one source
        gives a company at most one headquarters country.

    Returns
    -------
    ValidationReport
        ``conforms`` is False when any row is a violation; warnings are reported only.

    Raises
    ------
    ValidationError
        If *data* is not an rdflib Graph or Dataset, or pySHACL cannot run on it.

    See Also
    --------
    undefined_terms : cikg terms a graph uses that the ontology does not define.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef, RDF, RDFS
    >>> from cikg.ontology.namespace import CIKG
    >>> g = Graph()
    >>> btr = URIRef("https://w3id.org/cikg/id/company/btr")
    >>> _ = g.add((btr, RDF.type, CIKG.Company)).add((btr, RDFS.label, Literal("BTR")))
    >>> _ = g.add((btr, CIKG.headquarteredIn, URIRef("https://w3id.org/cikg/id/country/cn")))
    >>> validate(g).conforms
    True
    """
    merged = merged_graph(data)
    try:
        _, results, _ = pyshacl.validate(
            merged, shacl_graph=_shapes_graph(), inference="none", abort_on_first=False,
            allow_warnings=True, allow_infos=True, meta_shacl=False, advanced=False,
            inplace=True,
        )
    except Exception as exc:  # pySHACL raises several unrelated types
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    prov = _Provenance(data, merged)
    rows = (_rows_from_results(results, merged, prov) + _headquarters_rows(merged, prov)
            + _self_competition_rows(merged, prov))
    rows.sort(key=lambda r: (_SEVERITY_ORDER.get(r.severity, 3), r.focus, r.path, r.message,
                             r.value))
    titles = {str(s): str(t) for c in SOURCE_CLASSES for s in merged.subjects(RDF.type, c)
              for t in merged.objects(s, DCTERMS.title)}
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in rows),
        results=rows, triples=len(merged), source_titles=titles)


# ---------------------------------------------------------------------- vocabulary check

@lru_cache(maxsize=1)
def _defined_terms() -> frozenset[str]:
    graph = Graph().parse(data=vocabulary_graphs()[GRAPH_BASE + "vocab/ontology"],
                          format="turtle")
    return frozenset(str(s) for s in graph.subjects(RDF.type, None)
                     if isinstance(s, URIRef) and str(s).startswith(NS))


def _terms(triples: Iterable[tuple[Node, Node, Node]]) -> Iterable[str]:
    for triple in triples:
        for term in triple:
            if isinstance(term, URIRef):
                yield str(term)
            elif isinstance(term, Literal) and term.datatype is not None:
                yield str(term.datatype)


def undefined_terms(graph: Graph | Dataset) -> set[str]:
    """Return the ``cikg:`` IRIs that *graph* uses but ``cikg.ttl`` does not define.

    Subjects, predicates, objects and literal datatypes of every triple (every named
    graph of a Dataset) are checked.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph to check.

    Returns
    -------
    set of str
        Full IRIs in the ``https://w3id.org/cikg/ontology#`` namespace; empty when all
        are defined.

    Examples
    --------
    >>> from rdflib import Graph, URIRef, RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/cikg/id/company/x"), RDF.type,
    ...            URIRef("https://w3id.org/cikg/ontology#Compnay")))
    >>> undefined_terms(g)
    {'https://w3id.org/cikg/ontology#Compnay'}
    """
    if isinstance(graph, Dataset | ConjunctiveGraph):
        triples: Iterable = ((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None)))
    elif isinstance(graph, Graph):
        triples = graph
    else:
        raise ValidationError(
            f"cannot check {type(graph).__name__!s}: pass an rdflib Graph or Dataset")
    defined = _defined_terms()
    return {t for t in _terms(triples) if t.startswith(NS) and t not in defined}
