"""SPARQL results on the wire: content negotiation and serializers.

SELECT results are written in Python from pyoxigraph terms (so that every backend and
the row cap share one path): SPARQL 1.1 Query Results JSON, XML, CSV and TSV. ASK
answers go out as JSON or XML; CONSTRUCT and DESCRIBE graphs through pyoxigraph's
serializer as Turtle, N-Triples, RDF/XML or JSON-LD.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = ["SOLUTION_TYPES", "GRAPH_TYPES", "FORMAT_ALIASES", "PREFIXES", "NotAcceptable",
           "negotiate", "write_select", "write_boolean", "write_graph", "parse_accept"]

RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Media types for SELECT results, preferred first; ASK takes the first two.
SOLUTION_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                  "text/csv", "text/tab-separated-values")
#: Media types for CONSTRUCT and DESCRIBE results, preferred first.
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml",
               "application/ld+json")
#: Loose media types clients send, mapped to the types above.
_SYNONYMS = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/plain": ("text/tab-separated-values", "application/n-triples"),
    "application/x-turtle": (None, "text/turtle"),
    "text/n3": (None, "text/turtle"),
}
#: Values of the ``format`` request parameter (handy in links and forms).
FORMAT_ALIASES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "ttl": (None, "text/turtle"), "turtle": (None, "text/turtle"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"), "jsonld": (None, "application/ld+json"),
}
_RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE,
                "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/rdf+xml": ox.RdfFormat.RDF_XML,
                "application/ld+json": ox.RdfFormat.JSON_LD}
#: Prefixes written into Turtle results and pre-filled in the page's editor.
PREFIXES = {
    "cikg": "https://w3id.org/cikg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class NotAcceptable(Exception):
    """No media type the client accepts fits the result (HTTP 406)."""


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an ``Accept`` header with their q-values, best first.

    Examples
    --------
    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('application/sparql-results+json', 1.0), ('text/csv', 0.5)]
    """
    ranges = []
    for position, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, q) for media, q, _ in ranges if q > 0]


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> str:
    """Return the media type to answer a *kind* (``SELECT``, ``ASK``, ``GRAPH``) result in.

    A ``format`` request parameter (``json``, ``xml``, ``csv``, ``tsv``, ``ttl``, ``nt``,
    ``rdfxml``, ``jsonld``) wins over the ``Accept`` header.

    Raises
    ------
    NotAcceptable
        When nothing the client accepts fits the result.

    Examples
    --------
    >>> negotiate("SELECT", "text/csv")
    'text/csv'
    >>> negotiate("GRAPH", "application/sparql-results+json, */*;q=0.1")
    'text/turtle'
    >>> negotiate("ASK", None, "xml")
    'application/sparql-results+xml'
    """
    offered = {"SELECT": SOLUTION_TYPES, "ASK": SOLUTION_TYPES[:2], "GRAPH": GRAPH_TYPES}[kind]
    slot = 1 if kind == "GRAPH" else 0
    if fmt:
        choice = FORMAT_ALIASES.get(fmt.lower(), (None, None))[slot]
        if choice is None or choice not in offered:
            raise NotAcceptable(f"format={fmt} does not fit this {kind} result; use "
                                f"{', '.join(_short(t) for t in offered)}")
        return choice
    for media, _ in parse_accept(accept):
        if media in offered:
            return media
        synonym = _SYNONYMS.get(media, (None, None))[slot]
        if synonym is not None and synonym in offered:
            return synonym
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for candidate in offered:
                if family == "*" or candidate.startswith(family + "/"):
                    return candidate
    article = "an" if kind == "ASK" else "a"
    raise NotAcceptable(f"none of the accepted media types ({accept}) fits {article} {kind} "
                        f"result; accept one of {', '.join(offered)}")


def _short(media: str) -> str:
    for alias, pair in FORMAT_ALIASES.items():
        if media in pair:
            return alias
    return media


# ------------------------------------------------------------------ SELECT writers

def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
                f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}"
                "</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_field(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, (ox.NamedNode, ox.Literal)):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n') or text[:1].isspace() or text[-1:].isspace():
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term: object) -> str:
    if term is None:
        return ""
    # str() of a pyoxigraph term is its N-Triples form, which escapes \t \n \r " and \
    return str(term)


def write_select(variables: Sequence[str], rows: Iterable[Sequence[object]],
                 media: str) -> bytes:
    """Return SELECT results as *media* (one of :data:`SOLUTION_TYPES`).

    Examples
    --------
    >>> rows = [(ox.NamedNode("http://ex/a"), ox.Literal("x, y"))]
    >>> write_select(["s", "o"], rows, "text/csv")
    b's,o\\r\\nhttp://ex/a,"x, y"\\r\\n'
    """
    if media == "application/sparql-results+json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True)
                     if t is not None} for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if media == "application/sparql-results+xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
                 "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables),
                 "</head><results>"]
        for row in rows:
            parts.append("<result>")
            parts.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                         for v, t in zip(variables, row, strict=True) if t is not None)
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode("utf-8")
    if media == "text/csv":
        lines = [",".join(_csv_field(v) for v in variables)]
        lines.extend(",".join(_csv_field(t) for t in row) for row in rows)
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if media == "text/tab-separated-values":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_tsv_field(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise NotAcceptable(f"{media} is not a SELECT results format")


def write_boolean(value: bool, media: str) -> bytes:
    """Return an ASK answer as SPARQL results JSON or XML.

    Examples
    --------
    >>> write_boolean(True, "application/sparql-results+json")
    b'{"head":{},"boolean":true}'
    """
    if media == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": bool(value)},
                          separators=(",", ":")).encode("utf-8")
    if media == "application/sparql-results+xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
                ).encode()
    raise NotAcceptable(f"{media} is not an ASK results format")


def write_graph(triples: Iterable[ox.Triple], media: str) -> bytes:
    """Return CONSTRUCT or DESCRIBE triples as *media* (one of :data:`GRAPH_TYPES`).

    Examples
    --------
    >>> t = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("1"))
    >>> write_graph([t], "application/n-triples")
    b'<http://ex/a> <http://ex/p> "1" .\\n'
    """
    fmt = _RDF_FORMATS.get(media)
    if fmt is None:
        raise NotAcceptable(f"{media} is not an RDF graph format")
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
