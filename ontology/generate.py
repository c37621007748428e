"""Regenerate the committed files that derive from other data.

``python -m cikg.ontology.generate`` rewrites, from ``cikg.ttl``, ``shapes.ttl``, the
taxonomies and pycountry:

- ``ontology/namespace.py``: the closed ``CIKG`` namespace;
- ``ontology/taxonomies/countries.ttl``: every ISO 3166-1 country;
- ``docs/ontology/index.md``: the reference of every term and concept scheme;
- ``docs/ontology/classes.dot`` and, when Graphviz ``dot`` is installed,
  ``docs/ontology/classes.svg``: the class diagram.

Everything is generated offline, sorted and stable, so tests regenerate each text file
in memory and compare it with the committed one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import pycountry
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .ids import ID_BASE

__all__ = [
    "NS", "SCHEME_BASE", "WIKIDATA", "WIKIDATA_QIDS", "EXTRA_COUNTRY_LABELS",
    "namespace_source", "countries_source", "reference_source", "class_diagram_source",
    "generated_text_files", "main",
]

NS = "https://w3id.org/cikg/ontology#"
SCHEME_BASE = ID_BASE + "scheme/"
WIKIDATA = "http://www.wikidata.org/entity/"
ONTOLOGY_IRI = URIRef("https://w3id.org/cikg/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# Hand-checked Wikidata items of ISO 3166-1 countries (alpha-2 -> QID). Every country a
# bundled source names is here; add only items you have checked.
WIKIDATA_QIDS: dict[str, str] = {
    "AD": "Q228", "AE": "Q878", "AM": "Q399", "AR": "Q414", "AT": "Q40", "AU": "Q408",
    "AZ": "Q227", "BE": "Q31", "BG": "Q219", "BO": "Q750", "BR": "Q155", "CA": "Q16",
    "CH": "Q39", "CL": "Q298", "CN": "Q148", "CO": "Q739", "CZ": "Q213", "DE": "Q183",
    "DK": "Q35", "EC": "Q736", "EE": "Q191", "ES": "Q29", "FI": "Q33", "FR": "Q142",
    "GB": "Q145", "GE": "Q230", "GH": "Q117", "GR": "Q41", "HR": "Q224", "HU": "Q28",
    "ID": "Q252", "IE": "Q27", "IL": "Q801", "IN": "Q668", "IR": "Q794", "IS": "Q189",
    "IT": "Q38", "JP": "Q17", "KR": "Q884", "KZ": "Q813", "LI": "Q347", "LT": "Q37",
    "LU": "Q32", "LV": "Q211", "MA": "Q1028", "MC": "Q235", "MX": "Q96", "MY": "Q833",
    "MZ": "Q1029", "NG": "Q1033", "NL": "Q55", "NO": "Q20", "NZ": "Q664", "PA": "Q804",
    "PE": "Q419", "PH": "Q928", "PL": "Q36", "PT": "Q45", "PY": "Q733", "RO": "Q218",
    "RS": "Q403", "RU": "Q159", "SA": "Q851", "SE": "Q34", "SG": "Q334", "SK": "Q214",
    "TH": "Q869", "TR": "Q43", "TW": "Q865", "US": "Q30", "VE": "Q717", "VN": "Q881",
    "ZA": "Q258", "ZM": "Q953", "ZW": "Q924",
}

# Spellings that reports use and pycountry lacks (alpha-2 -> extra English altLabels).
EXTRA_COUNTRY_LABELS: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "U.A.E."),
    "CD": ("DR Congo", "Democratic Republic of the Congo"),
    "CI": ("Ivory Coast",),
    "GB": ("UK", "U.K.", "Great Britain", "Britain"),
    "KR": ("Korea", "Republic of Korea"),
    "NL": ("The Netherlands",),
    "RU": ("Russia",),
    "TR": ("Turkey",),
    "US": ("U.S.", "USA", "U.S.A.", "US"),
}


# ---------------------------------------------------------------------- helpers

def _package_text(*parts: str) -> str:
    return files(__package__).joinpath(*parts).read_text("utf-8")


def _ontology_graph() -> Graph:
    return Graph().parse(data=_package_text("cikg.ttl"), format="turtle")


def _turtle_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _en(graph: Graph, subject: Node, predicate: URIRef) -> str:
    values = sorted(str(o) for o in graph.objects(subject, predicate))
    return values[0] if values else ""


def _curie(term: URIRef | str) -> str:
    text = str(term)
    prefixes = (
        (NS, "cikg:"), ("http://www.w3.org/2001/XMLSchema#", "xsd:"),
        ("http://www.w3.org/2004/02/skos/core#", "skos:"), ("http://www.w3.org/ns/prov#", "prov:"),
        ("http://www.w3.org/ns/org#", "org:"), ("https://schema.org/", "schema:"),
        ("http://purl.org/linked-data/cube#", "qb:"), ("http://purl.org/dc/terms/", "dcterms:"),
        ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
        ("http://www.w3.org/2002/07/owl#", "owl:"),
    )
    for base, prefix in prefixes:
        if text.startswith(base):
            return prefix + text[len(base):]
    return f"<{text}>"


def _cikg_terms(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(
        (s for s in graph.subjects(RDF.type, kind)
         if isinstance(s, URIRef) and str(s).startswith(NS)),
        key=str,
    )


# ---------------------------------------------------------------------- namespace.py

def namespace_source(graph: Graph | None = None) -> str:
    """Return the Python source of the closed ``CIKG`` namespace.

    Every class, property, datatype and named individual of ``cikg.ttl`` becomes an
    attribute; any other attribute raises ``AttributeError`` (``_fail = True``).

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The ontology; the bundled ``cikg.ttl`` when omitted.

    Returns
    -------
    str
        The text of ``namespace.py``.

    Examples
    --------
    >>> "    Company: URIRef" in namespace_source()
    True
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


# ---------------------------------------------------------------------- countries.ttl

def _country_labels(country: object) -> tuple[str, list[str]]:
    code = country.alpha_2  # type: ignore[attr-defined]
    name = country.name  # type: ignore[attr-defined]
    pref = getattr(country, "common_name", None) or name
    candidates = [name, getattr(country, "official_name", None),
                  *EXTRA_COUNTRY_LABELS.get(code, ())]
    alts: list[str] = []
    seen = {pref.casefold()}
    for label in candidates:
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            alts.append(label)
    return pref, sorted(alts)


def countries_source() -> str:
    """Return the Turtle text of ``taxonomies/countries.ttl`` generated from pycountry.

    Every ISO 3166-1 country becomes ``<id/country/{alpha-2 lowercase}>``, typed
    ``cikg:Country`` and ``skos:Concept``, with its English names, its alpha-2, alpha-3
    and numeric codes as typed ``skos:notation`` and, where :data:`WIKIDATA_QIDS` knows
    it, ``skos:exactMatch`` to Wikidata. Countries are sorted by alpha-2 code.

    Returns
    -------
    str
        Turtle text.

    Examples
    --------
    >>> text = countries_source()
    >>> '"CN"^^cikg:ISO3166Alpha2' in text and "wd:Q148" in text
    True
    """
    scheme = "scheme:countries"
    out = [
        "# Generated from pycountry by `python -m cikg.ontology.generate`: do not edit.",
        "# Every ISO 3166-1 country, with skos:exactMatch to Wikidata where it was checked",
        "# by hand (WIKIDATA_QIDS in ontology/generate.py).",
        "",
        "@prefix cikg:    <https://w3id.org/cikg/ontology#> .",
        "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        f"@prefix scheme:  <{SCHEME_BASE}> .",
        f"@prefix country: <{ID_BASE}country/> .",
        f"@prefix wd:      <{WIKIDATA}> .",
        "",
        "scheme:countries a skos:ConceptScheme ;",
        '    rdfs:label "Countries"@en ;',
        '    dcterms:title "Countries"@en ;',
        '    skos:definition "The countries of ISO 3166-1 with their alpha-2, alpha-3 and numeric'
        ' codes."@en ;',
        "    dcterms:source <https://www.iso.org/iso-3166-country-codes.html> .",
        "",
    ]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        pref, alts = _country_labels(country)
        lines = [
            f"country:{code.lower()} a cikg:Country, skos:Concept ;",
            f"    skos:inScheme {scheme} ; skos:topConceptOf {scheme} ;",
            f"    skos:prefLabel {_turtle_string(pref)}@en ;",
        ]
        if alts:
            lines.append("    skos:altLabel " + ", ".join(
                f"{_turtle_string(a)}@en" for a in alts) + " ;")
        lines.append(
            f'    skos:notation "{code}"^^cikg:ISO3166Alpha2, '
            f'"{country.alpha_3}"^^cikg:ISO3166Alpha3, "{country.numeric}"^^cikg:ISO3166Numeric'
        )
        if code in WIKIDATA_QIDS:
            lines[-1] += " ;"
            lines.append(f"    skos:exactMatch wd:{WIKIDATA_QIDS[code]}")
        lines[-1] += " ."
        out += lines + [""]
    return "\n".join(out)


# ---------------------------------------------------------------------- reference docs

def _taxonomy_graphs() -> dict[str, Graph]:
    result = {}
    for name in ("countries", "regions", "materials", "applications", "end-users"):
        # countries.ttl is itself generated: read what the generator writes, not the file
        text = countries_source() if name == "countries" else _package_text(
            "taxonomies", f"{name}.ttl")
        result[name] = Graph().parse(data=text, format="turtle")
    return result


def _shapes_graph() -> Graph:
    return Graph().parse(data=_package_text("shapes.ttl"), format="turtle")


def _anchor(term: URIRef) -> str:
    return str(term)[len(NS):].lower()


def _link(term: URIRef | str) -> str:
    if str(term).startswith(NS):
        return f"[{_curie(term)}](#{_anchor(URIRef(term))})"
    return f"`{_curie(term)}`"


def _term_section(graph: Graph, term: URIRef) -> list[str]:
    rows = [f"### {_curie(term)}", "", f'<a id="{_anchor(term)}"></a>', ""]
    rows.append(f"**{_en(graph, term, RDFS.label)}**: {_en(graph, term, SKOS.definition)}")
    rows.append("")
    rows.append(f"- IRI: `{term}`")
    facts: list[tuple[str, Iterable]] = [
        ("Types", (t for t in graph.objects(term, RDF.type)
                   if t not in TERM_TYPES and t != OWL.NamedIndividual)),
        ("Subclass of", graph.objects(term, RDFS.subClassOf)),
        ("Subproperty of", graph.objects(term, RDFS.subPropertyOf)),
        ("Domain", graph.objects(term, RDFS.domain)),
        ("Range", graph.objects(term, RDFS.range)),
        ("Subclasses", graph.subjects(RDFS.subClassOf, term)),
    ]
    for title, values in facts:
        shown = sorted({_link(v) for v in values if isinstance(v, URIRef)})
        if shown:
            rows.append(f"- {title}: " + ", ".join(shown))
    rows.append("")
    return rows


def _concept_tree(graph: Graph, scheme: URIRef) -> list[str]:
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
    children: dict[Node, list[Node]] = {}
    tops: list[Node] = []
    for concept in concepts:
        parents = list(graph.objects(concept, SKOS.broader))
        if parents:
            for parent in parents:
                children.setdefault(parent, []).append(concept)
        else:
            tops.append(concept)

    def label(c: Node) -> str:
        return _en(graph, c, SKOS.prefLabel)

    lines: list[str] = []

    def walk(concept: Node, depth: int) -> None:
        alts = sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))
        extra = f" (also: {', '.join(alts)})" if alts else ""
        slug = str(concept)[len(ID_BASE):]
        lines.append(f"{'  ' * depth}- **{label(concept)}** `{slug}`{extra}")
        for child in sorted(children.get(concept, []), key=label):
            walk(child, depth + 1)

    for top in sorted(tops, key=label):
        walk(top, 0)
    return lines


def reference_source(graph: Graph | None = None) -> str:
    """Return the Markdown reference of the ontology and its taxonomies.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The ontology; the bundled ``cikg.ttl`` when omitted.

    Returns
    -------
    str
        The text of ``docs/ontology/index.md``.

    Examples
    --------
    >>> "### cikg:Company" in reference_source()
    True
    """
    graph = graph if graph is not None else _ontology_graph()
    out = [
        "<!-- Generated by `python -m cikg.ontology.generate` from ontology/*.ttl:"
        " do not edit. -->",
        "",
        f"# {_en(graph, ONTOLOGY_IRI, RDFS.label)}",
        "",
        _en(graph, ONTOLOGY_IRI, SKOS.definition),
        "",
        f"- Namespace: `{NS}` (prefix `cikg:`)",
        f"- Ontology IRI: `{ONTOLOGY_IRI}`",
        f"- Version: {_en(graph, ONTOLOGY_IRI, OWL.versionInfo)}"
        f" (`{_en(graph, ONTOLOGY_IRI, OWL.versionIRI)}`)",
        "- Profile: OWL 2 RL; validation rules in `ontology/shapes.ttl` (SHACL)",
        "- Design decisions: [decisions.md](decisions.md); how loaders write the graph:"
        " [../data-model.md](../data-model.md)",
        "",
        "![Class diagram](classes.svg)",
        "",
        "## Design notes",
        "",
        _en(graph, ONTOLOGY_IRI, RDFS.comment),
        "",
    ]
    sections = (
        ("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
        ("Datatype properties", OWL.DatatypeProperty), ("Datatypes", RDFS.Datatype),
    )
    listed: set[URIRef] = set()
    for title, kind in sections:
        terms = _cikg_terms(graph, kind)
        listed.update(terms)
        out += [f"## {title}", ""]
        out.append(", ".join(_link(t) for t in terms))
        out.append("")
        for term in terms:
            out += _term_section(graph, term)
    others = sorted(
        {s for s in graph.subjects(RDF.type, None)
         if isinstance(s, URIRef) and str(s).startswith(NS)} - listed, key=str)
    out += ["## Individuals", ""]
    for term in others:
        out += _term_section(graph, term)
    out += ["## Concept schemes", "",
            "Concepts live under `https://w3id.org/cikg/id/{kind}/{slug}`; the slug is"
            " `cikg.ontology.ids.slug` of the English prefLabel. Match report labels"
            " case-insensitively against prefLabel and altLabel.", ""]
    for name, tax in _taxonomy_graphs().items():
        scheme = URIRef(f"{SCHEME_BASE}{name}")
        concepts = list(tax.subjects(SKOS.inScheme, scheme))
        out += [f"### {_en(tax, scheme, RDFS.label)}", "",
                f"`{scheme}`, graph `vocab/{name}`, {len(concepts)} concepts."
                f" {_en(tax, scheme, SKOS.definition)}", ""]
        if name == "countries":
            matched = sum(1 for c in concepts if (c, SKOS.exactMatch, None) in tax)
            out += [f"Generated from pycountry; {matched} countries carry"
                    " `skos:exactMatch` to Wikidata.", ""]
        else:
            out += _concept_tree(tax, scheme) + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------- class diagram

def _shape_edges(shapes: Graph, ontology: Graph) -> set[tuple[URIRef, URIRef, URIRef]]:
    """(class, property, class) triples that shapes.ttl allows.

    The range of a property is every ``sh:class`` (also inside ``sh:or``) of a property
    shape on it; its domain is its ``rdfs:domain`` or the target class of a class shape
    that has a property shape on it.
    """
    ranges: dict[URIRef, set[URIRef]] = {}
    domains: dict[URIRef, set[URIRef]] = {}
    for prop in shapes.objects(None, SH.property):
        path = shapes.value(prop, SH.path)
        if not isinstance(path, URIRef):
            continue
        found = set(shapes.objects(prop, SH["class"]))
        for alternative in shapes.objects(prop, SH["or"]):
            for member in Collection(shapes, alternative):
                found.update(shapes.objects(member, SH["class"]))
        ranges.setdefault(path, set()).update(r for r in found if isinstance(r, URIRef))
    for shape, target in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef) and isinstance(target, URIRef):
                domains.setdefault(path, set()).add(target)
    edges: set[tuple[URIRef, URIRef, URIRef]] = set()
    for path, targets in ranges.items():
        sources = domains.get(path, set()) | {
            d for d in ontology.objects(path, RDFS.domain) if isinstance(d, URIRef)}
        edges.update((d, path, r) for d in sources for r in targets)
    return edges


def class_diagram_source(graph: Graph | None = None) -> str:
    """Return the Graphviz ``dot`` text of the class diagram.

    Boxes are the cikg classes (external superclasses in grey), hollow arrows are
    ``rdfs:subClassOf``, labelled arrows are object properties between classes as
    ``cikg.ttl`` (domain and range) and ``shapes.ttl`` (``sh:class``) state them.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The ontology; the bundled ``cikg.ttl`` when omitted.

    Returns
    -------
    str
        The text of ``docs/ontology/classes.dot``.

    Examples
    --------
    >>> "cikg:Company" in class_diagram_source()
    True
    """
    graph = graph if graph is not None else _ontology_graph()
    classes = _cikg_terms(graph, OWL.Class)
    external: set[URIRef] = set()
    subclass_edges = []
    for cls in classes:
        for sup in graph.objects(cls, RDFS.subClassOf):
            if isinstance(sup, URIRef):
                subclass_edges.append((cls, sup))
                if not str(sup).startswith(NS):
                    external.add(sup)
    relations: set[tuple[URIRef, URIRef, URIRef]] = set()
    for prop in _cikg_terms(graph, OWL.ObjectProperty):
        for dom in graph.objects(prop, RDFS.domain):
            for rng in graph.objects(prop, RDFS.range):
                if isinstance(dom, URIRef) and isinstance(rng, URIRef):
                    relations.add((dom, prop, rng))
    relations |= _shape_edges(_shapes_graph(), graph)
    relations = {(d, p, r) for d, p, r in relations
                 if str(d).startswith(NS) and (str(r).startswith(NS) or r in external)}

    def node_id(term: URIRef) -> str:
        return '"' + _curie(term) + '"'

    out = [
        "// Generated by `python -m cikg.ontology.generate`: do not edit.",
        "digraph cikg {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=10, nodesep=0.25, ranksep=0.6];',
        '  node [shape=box, style="rounded,filled", fillcolor="#e8f0fe", fontname="Helvetica",'
        " fontsize=10];",
        '  edge [fontname="Helvetica", fontsize=8, color="#555555"];',
    ]
    for cls in classes:
        out.append(f"  {node_id(cls)};")
    for ext in sorted(external, key=str):
        out.append(f'  {node_id(ext)} [fillcolor="#eeeeee", fontcolor="#555555"];')
    for sub, sup in sorted(subclass_edges):
        out.append(f"  {node_id(sub)} -> {node_id(sup)} [arrowhead=empty, style=dashed];")
    for dom, prop, rng in sorted(relations):
        out.append(f'  {node_id(dom)} -> {node_id(rng)} [label="{_curie(prop)}"];')
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- main

def generated_text_files(root: Path) -> dict[Path, str]:
    """Return every generated text file under the repository *root* with its content.

    Parameters
    ----------
    root : pathlib.Path
        The repository root (the folder holding ``ontology/`` and ``docs/``).

    Returns
    -------
    dict of pathlib.Path to str
        Path -> the text the generator writes there.
    """
    graph = _ontology_graph()
    return {
        root / "ontology" / "namespace.py": namespace_source(graph),
        root / "ontology" / "taxonomies" / "countries.ttl": countries_source(),
        root / "docs" / "ontology" / "index.md": reference_source(graph),
        root / "docs" / "ontology" / "classes.dot": class_diagram_source(graph),
    }


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated files in a source checkout.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments; ``--check`` only reports stale files (exit 1).

    Returns
    -------
    int
        0 when the files are (now) up to date, 1 when ``--check`` found stale files.
    """
    parser = argparse.ArgumentParser(prog="python -m cikg.ontology.generate")
    parser.add_argument("--check", action="store_true", help="report stale files, write none")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    stale = []
    for path, text in generated_text_files(root).items():
        if not path.exists() or path.read_text("utf-8") != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
    dot = shutil.which("dot")
    svg = root / "docs" / "ontology" / "classes.svg"
    if not args.check and dot and (root / "docs" / "ontology" / "classes.dot" in stale
                                   or not svg.exists()):
        subprocess.run([dot, "-Tsvg", "-o", str(svg), str(svg.with_suffix(".dot"))],
                       check=True)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path.relative_to(root)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
