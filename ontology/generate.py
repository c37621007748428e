"""Regenerate the committed files that derive from other data.

``python -m cikg.ontology.generate`` rewrites ``namespace.py`` from ``cikg.ttl``.
Tests regenerate each file in memory and compare it with the committed one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

__all__ = ["namespace_source", "main"]

NS = "https://w3id.org/cikg/ontology#"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _ontology_graph() -> Graph:
    return Graph().parse(data=files(__package__).joinpath("cikg.ttl").read_text("utf-8"),
                         format="turtle")


def namespace_source(graph: Graph | None = None) -> str:
    """Return the Python source of the closed ``CIKG`` namespace.

    Every class, property and named individual of ``cikg.ttl`` becomes an
    attribute; any other attribute raises ``AttributeError`` (``_fail = True``).
    """
    graph = graph if graph is not None else _ontology_graph()
    terms = set()
    for subject in graph.subjects(RDF.type, None):
        if isinstance(subject, URIRef) and str(subject).startswith(NS):
            terms.add(str(subject)[len(NS):])
    lines = [
        '"""The closed cikg namespace, generated from cikg.ttl: do not edit.',
        "",
        "Regenerate with ``python -m cikg.ontology.generate``.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        '__all__ = ["CIKG"]',
        "",
        "",
        "class CIKG(DefinedNamespace):",
        "    _fail = True",
        f'    _NS = Namespace("{NS}")',
        "",
    ]
    lines += [f"    {name}: URIRef" for name in sorted(terms)]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Rewrite the generated files next to this module."""
    here = Path(__file__).parent
    (here / "namespace.py").write_text(namespace_source(), "utf-8")


if __name__ == "__main__":
    main()
