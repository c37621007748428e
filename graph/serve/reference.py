"""The ontology reference page, rendered from ``cikg.ttl`` (package data) on first request.

``docs/ontology/`` is generated for the repository and is not package data, so the
server renders its own table of classes, properties and datatypes from the Turtle
that ships with :mod:`cikg.ontology`. Every text is HTML-escaped.
"""

from __future__ import annotations

from functools import cache
from html import escape

import pyoxigraph as ox

from cikg.ontology import TAXONOMIES, ontology_text

from .results import PREFIXES

__all__ = ["reference_html", "TERMS_QUERY"]

_NAMESPACES = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#",
               "org": "http://www.w3.org/ns/org#", "vann": "http://purl.org/vocab/vann/",
               "unit": "http://qudt.org/vocab/unit/"}
_KINDS = (("Classes", "owl:Class"), ("Object properties", "owl:ObjectProperty"),
          ("Datatype properties", "owl:DatatypeProperty"),
          ("Annotation properties", "owl:AnnotationProperty"), ("Datatypes", "rdfs:Datatype"))
TERMS_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?kind ?label ?definition
       (GROUP_CONCAT(DISTINCT STR(?super); separator=" ") AS ?supers)
       (GROUP_CONCAT(DISTINCT STR(?domain); separator=" ") AS ?domains)
       (GROUP_CONCAT(DISTINCT STR(?range); separator=" ") AS ?ranges)
WHERE {
  ?term a ?kind .
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty
                 rdfs:Datatype }
  FILTER(isIRI(?term))
  OPTIONAL { ?term rdfs:label ?label FILTER(LANG(?label) IN ("en", "")) }
  OPTIONAL { ?term skos:definition ?definition FILTER(LANG(?definition) IN ("en", "")) }
  OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }
  OPTIONAL { ?term rdfs:domain ?domain FILTER(isIRI(?domain)) }
  OPTIONAL { ?term rdfs:range ?range FILTER(isIRI(?range)) }
}
GROUP BY ?term ?kind ?label ?definition
ORDER BY ?kind ?term
"""


def _curie(iri: str) -> str:
    for prefix, namespace in _NAMESPACES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _anchor(iri: str) -> str:
    return _curie(iri).replace(":", "-")


def _links(iris: str) -> str:
    cikg = PREFIXES["cikg"]
    parts = []
    for iri in sorted(iris.split()):
        text = escape(_curie(iri))
        parts.append(f'<a href="#{escape(_anchor(iri))}">{text}</a>' if iri.startswith(cikg)
                     else f"<code>{text}</code>")
    return ", ".join(parts)


@cache
def reference_html() -> str:
    """Return the ontology reference as one HTML page (classes, properties, datatypes)."""
    store = ox.Store()
    store.load(ontology_text().encode("utf-8"), format=ox.RdfFormat.TURTLE)
    rows: dict[str, list[dict[str, str]]] = {kind: [] for _, kind in _KINDS}
    solutions = store.query(TERMS_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        values = {v: (solution[v].value if solution[v] is not None else "")
                  for v in ("term", "kind", "label", "definition", "supers", "domains",
                            "ranges")}
        rows[_curie(values["kind"])].append(values)
    head = ontology_text()
    title = "cikg ontology"
    sections = []
    for heading, kind in _KINDS:
        if not rows[kind]:
            continue
        is_class = kind in ("owl:Class", "rdfs:Datatype")
        cols = ("Term", "Label", "Definition", "Subclass of") if is_class else (
            "Term", "Label", "Definition", "Domain", "Range")
        body = []
        for r in rows[kind]:
            cells = [f'<td id="{escape(_anchor(r["term"]))}"><code>{escape(_curie(r["term"]))}'
                     "</code></td>", f"<td>{escape(r['label'])}</td>",
                     f"<td>{escape(r['definition'])}</td>"]
            cells += ([f"<td>{_links(r['supers'])}</td>"] if is_class else
                      [f"<td>{_links(r['domains'])}</td>", f"<td>{_links(r['ranges'])}</td>"])
            body.append("<tr>" + "".join(cells) + "</tr>")
        sections.append(f"<h2>{escape(heading)} ({len(rows[kind])})</h2><table class=\"ref\">"
                        "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cols) +
                        "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")
    taxonomies = " ".join(f'<a href="/ontology/{name}.ttl">{escape(name)}</a>'
                          for name in TAXONOMIES)
    version = "0.0"
    for line in head.splitlines():
        if "owl:versionInfo" in line:
            version = line.split('"')[1] if '"' in line else version
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
        "<body class=\"reference\"><header><h1>cikg ontology reference</h1>"
        f"<p>Namespace <code>{escape(PREFIXES['cikg'])}</code> (prefix <code>cikg:</code>), "
        f"version {escape(version)}. Turtle: <a href=\"/ontology.ttl\">cikg.ttl</a>; "
        f"taxonomies (SKOS): {taxonomies}. <a href=\"/\">Back to the query page</a>.</p>"
        "</header><main>" + "".join(sections) + "</main></body></html>")
