"""The cikg ontology (OWL 2 RL), its SKOS taxonomies and SHACL shapes, as package data.

The Turtle files are read through :mod:`importlib.resources`, so they work from a
source checkout, an editable install and a wheel alike.
"""

from __future__ import annotations

from importlib.resources import files

from .ids import VOCAB_GRAPH

__all__ = ["TAXONOMIES", "vocabulary_graphs", "shapes_text", "ontology_text"]

#: The bundled taxonomies, by the name of their ``vocab/{name}`` graph and file.
TAXONOMIES = ("countries", "regions", "materials", "applications", "end-users")


def ontology_text() -> str:
    """Return the Turtle text of ``cikg.ttl``.

    Examples
    --------
    >>> "cikg:Company a owl:Class" in ontology_text()
    True
    """
    return files(__package__).joinpath("cikg.ttl").read_text("utf-8")


def shapes_text() -> str:
    """Return the Turtle text of ``shapes.ttl`` (the SHACL shapes)."""
    return files(__package__).joinpath("shapes.ttl").read_text("utf-8")


def vocabulary_graphs() -> dict[str, str]:
    """Return the Turtle text of the ontology and each taxonomy by its graph IRI.

    The graph IRIs are ``https://w3id.org/cikg/graph/vocab/{name}`` with names
    ``ontology``, ``countries``, ``regions``, ``materials``, ``applications`` and
    ``end-users`` (see docs/data-model.md). Loading each text into its graph gives a
    store the vocabularies that queries and validation expect.

    Returns
    -------
    dict of str to str
        Graph IRI -> Turtle text, ontology first.

    Examples
    --------
    >>> sorted(vocabulary_graphs())[0]
    'https://w3id.org/cikg/graph/vocab/applications'
    >>> len(vocabulary_graphs())
    6
    """
    texts = {f"{VOCAB_GRAPH}ontology": ontology_text()}
    taxonomies = files(__package__).joinpath("taxonomies")
    for name in TAXONOMIES:
        texts[f"{VOCAB_GRAPH}{name}"] = taxonomies.joinpath(f"{name}.ttl").read_text("utf-8")
    return texts
