"""Deterministic IRIs for instances and graphs, and the pyoxigraph terms of vocabularies.

Instances live under ``https://w3id.org/cikg/id/{kind}/{slug}``, graphs under
``https://w3id.org/cikg/graph/...``; slugs come from canonical keys, so loading
the same fact twice mints the same IRI.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

__all__ = ["ID_BASE", "GRAPH_BASE", "slug", "entity_iri", "graph_iri", "node",
           "RDF_TYPE", "RDFS_LABEL", "SKOS", "PROV", "DCTERMS", "XSD", "QUDT_UNIT",
           "currency_iri", "VOCAB_GRAPH"]

ID_BASE = "https://w3id.org/cikg/id/"
GRAPH_BASE = "https://w3id.org/cikg/graph/"
VOCAB_GRAPH = GRAPH_BASE + "vocab/"

SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
QUDT_UNIT = "http://qudt.org/vocab/unit/"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    """Return a lowercase slug of *text*, stable across spellings of case and accents.

    Latin script folds to ASCII; a name with letters of other scripts keeps them
    (IRIs are Unicode), so that two Chinese names never share one IRI.

    Examples
    --------
    >>> slug("Middle East & Africa")
    'middle-east-africa'
    >>> slug("Müller GmbH")
    'muller-gmbh'
    >>> slug("贝特瑞新材料"), slug("Ｈｉｎａ")
    ('贝特瑞新材料', 'hina')
    """
    if any(ch.isalnum() and not _ascii(ch) for ch in text):
        folded = unicodedata.normalize("NFKC", text).casefold()
        return re.sub(r"[\W_]+", "-", folded).strip("-") or "x"
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-") or "x"


def node(iri: str | NamedNode) -> NamedNode:
    """Return the pyoxigraph ``NamedNode`` of an IRI string, rdflib ``URIRef`` or NamedNode."""
    return iri if isinstance(iri, NamedNode) else _named(str(iri))


@lru_cache(maxsize=65536)
def _named(iri: str) -> NamedNode:
    return NamedNode(iri)


def entity_iri(kind: str, key: str) -> NamedNode:
    """Return the IRI of the instance of *kind* with canonical *key*.

    Examples
    --------
    >>> entity_iri("company", "BTR").value
    'https://w3id.org/cikg/id/company/btr'
    """
    return node(f"{ID_BASE}{kind}/{slug(key)}")


def graph_iri(*parts: str) -> NamedNode:
    """Return a graph IRI under ``https://w3id.org/cikg/graph/``.

    Examples
    --------
    >>> graph_iri("source", "r1_cathode.txt").value
    'https://w3id.org/cikg/graph/source/r1-cathode-txt'
    """
    return node(GRAPH_BASE + "/".join([parts[0], *(slug(p) for p in parts[1:])]))


def currency_iri(code: str) -> NamedNode:
    """Return the QUDT currency unit of an ISO 4217 code (``USD`` -> ``unit:CCY_USD``)."""
    return node(f"{QUDT_UNIT}CCY_{code.upper()}")


RDF_TYPE = node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = node("http://www.w3.org/2000/01/rdf-schema#label")
