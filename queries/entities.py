"""Entity parameters: names an analyst types, resolved to the IRIs of the graph.

A catalog parameter of an entity type (``company``, ``region``, ``material``,
``application``, ``market``, ``source`` or ``entity``) takes a name, an alias, a
country code or an IRI. The runner looks the name up among the labels of the
entities of that type in the store (case-insensitive, exact) and binds the IRI it
finds; a name that matches nothing raises :class:`~cikg.errors.QueryError` with the
closest names (rapidfuzz), and a name shared by several entities asks for an IRI.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode
from rapidfuzz import fuzz, process, utils

from cikg.errors import QueryError
from cikg.ontology.ids import DCTERMS, SKOS
from cikg.ontology.namespace import CIKG
from cikg.store import SelectResult, Store

__all__ = ["ENTITY_TYPES", "is_iri", "label_index", "resolve_name"]

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

#: Entity parameter types and the classes whose instances they name (None: any class).
ENTITY_TYPES: dict[str, tuple[str, ...] | None] = {
    "company": (CIKG.Company,),
    "region": (CIKG.Region,),
    "material": (CIKG.MaterialType,),
    "application": (CIKG.Application, CIKG.EndUser),
    "market": (CIKG.Market,),
    "source": (CIKG.Report, CIKG.Table, CIKG.RdfDocument),
    "entity": None,
}

#: Properties whose values name an entity.
NAME_PROPERTIES = (RDFS_LABEL, SKOS + "prefLabel", SKOS + "altLabel", SKOS + "notation",
                   DCTERMS + "title", str(CIKG.fileName))


def is_iri(text: str) -> bool:
    """Whether *text* is written as an absolute IRI (``http(s)://``, ``urn:``, or ``<...>``).

    Examples
    --------
    >>> is_iri("https://w3id.org/cikg/id/company/btr"), is_iri("BTR")
    (True, False)
    """
    text = text.strip()
    return (text.startswith("<") and text.endswith(">")) or text.startswith(
        ("http://", "https://", "urn:"))


def _labels_query(kind: str) -> str:
    # one basic graph pattern per class and property: engines answer each from an index
    # (rdflib joins VALUES blocks with nested loops)
    classes = ENTITY_TYPES[kind]
    patterns = [f"{{ ?entity a <{c}> ; <{p}> ?name }}" for c in classes for p in NAME_PROPERTIES
                ] if classes is not None else [f"{{ ?entity <{p}> ?name }}"
                                               for p in NAME_PROPERTIES]
    return (f"SELECT DISTINCT ?entity ?name WHERE {{ {' UNION '.join(patterns)} "
            "FILTER(ISIRI(?entity) && ISLITERAL(?name)) }")


def _names(store: Store, kind: str, timeout: float | None) -> list[tuple[str, NamedNode]]:
    if kind not in ENTITY_TYPES:
        raise QueryError(f"unknown entity type {kind!r}; use one of {', '.join(ENTITY_TYPES)}")
    result = store.query(_labels_query(kind), limit=None, timeout=timeout)
    assert isinstance(result, SelectResult)
    return [(" ".join(name.value.split()), entity) for entity, name in result.rows
            if isinstance(entity, NamedNode) and isinstance(name, Literal)]


def label_index(store: Store, kind: str, *, timeout: float | None = None
                ) -> dict[str, set[NamedNode]]:
    """Return the names of the entities of *kind* in *store*, casefolded, with their IRIs.

    Examples
    --------
    >>> from cikg.store import open_store
    >>> label_index(open_store("memory:"), "company")
    {}
    """
    index: dict[str, set[NamedNode]] = {}
    for name, entity in _names(store, kind, timeout):
        index.setdefault(name.casefold(), set()).add(entity)
    return index


def resolve_name(store: Store, kind: str, value: str, *, param: str = "name",
                 timeout: float | None = None) -> NamedNode:
    """Return the IRI of the entity of *kind* called *value* (a name, alias, code or IRI).

    Parameters
    ----------
    store : Store
        Where to look the name up.
    kind : str
        One of :data:`ENTITY_TYPES`.
    value : str
        What the user typed; case and repeated spaces do not matter.
    param : str
        The parameter's name, for messages.
    timeout : float, optional
        Seconds the look-up may take.

    Returns
    -------
    NamedNode
        The entity's IRI.

    Raises
    ------
    QueryError
        When no entity of *kind* has that name (the message suggests close names) or
        several have it (the message lists their IRIs).

    Examples
    --------
    >>> from cikg.store import open_store
    >>> resolve_name(open_store("memory:"), "company", "https://w3id.org/cikg/id/company/btr")
    <NamedNode value=https://w3id.org/cikg/id/company/btr>
    """
    text = " ".join(value.split())
    if is_iri(text):
        try:
            return NamedNode(text.strip("<>"))
        except ValueError:
            raise QueryError(f"parameter {param}: {text!r} is not a valid IRI") from None
    names = _names(store, kind, timeout)
    found = {entity for name, entity in names if name.casefold() == text.casefold()}
    noun = "entity" if kind == "entity" else kind
    if len(found) == 1:
        return next(iter(found))
    if found:
        iris = ", ".join(sorted(f"<{iri.value}>" for iri in found))
        raise QueryError(f"parameter {param}: {text!r} names {len(found)} entities ({iris}); "
                         "pass one IRI")
    spelled = sorted({name for name, _ in names})
    near = _suggest(text, spelled)
    hint = (f"; did you mean {', '.join(repr(n) for n in near)}?" if near
            else f" among the {len({e for _, e in names})} in the store")
    raise QueryError(f"parameter {param}: no {noun} named {text!r}{hint}")


def _suggest(value: str, names: Iterable[str]) -> list[str]:
    # names far shorter than the value (country codes ...) match parts of anything: skip them
    choices = [n for n in names if 2 * len(n) >= len(value)]
    found = process.extract(value, choices, scorer=fuzz.WRatio,
                            processor=utils.default_process, limit=3, score_cutoff=70)
    return [name for name, _, _ in found]
