"""The build pipeline: sources -> loaders -> one store transaction.

Every source is parsed before anything is written, and all of them are written by
one :meth:`Store.replace`, so a failing source leaves the store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import chain
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from cikg.loaders import SourceGraphs, find_sources, load_source
from cikg.loaders.provenance import GraphStream
from cikg.loaders.rdf import RDF_FORMATS, parse_rdf
from cikg.loaders.resolve import KnownCompany, Overrides, Resolver
from cikg.ontology.ids import ID_BASE, PROV, SKOS, VOCAB_GRAPH, graph_iri
from cikg.ontology.namespace import CIKG

from .errors import LoadError
from .history import source_changes
from .store import SelectResult, Store

__all__ = ["SourceSummary", "BuildReport", "QuadParts", "build", "vocabulary_quads",
           "owned_graphs", "known_companies"]

RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass
class SourceSummary:
    """One loaded source: its key, kind, number of quads, and warnings."""

    key: str
    kind: str
    path: str
    quads: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """What a build wrote."""

    sources: list[SourceSummary]
    quads: int
    seconds: float

    @property
    def warnings(self) -> list[str]:
        return [f"{s.path}: {w}" for s in self.sources for w in s.warnings]


def vocabulary_quads() -> tuple[set[NamedNode], list[Quad]]:
    """Return the graphs and quads of the bundled ontology and taxonomies (``vocab/...``)."""
    root = files("cikg.ontology")
    resources = [root.joinpath("cikg.ttl")]
    taxonomies = root.joinpath("taxonomies")
    if taxonomies.is_dir():
        resources += sorted((r for r in taxonomies.iterdir() if r.name.endswith(".ttl")),
                            key=lambda r: r.name)
    graphs, quads = set(), []
    for resource in resources:
        stem = resource.name.removesuffix(".ttl")
        graph = NamedNode(VOCAB_GRAPH + ("ontology" if stem == "cikg" else stem))
        graphs.add(graph)
        quads += parse_rdf(resource.read_bytes(), RDF_FORMATS[".ttl"], name=resource.name,
                           default_graph=graph)
    return graphs, quads


KNOWN_COMPANIES = f"""
SELECT ?company ?label ?code (GROUP_CONCAT(?alias; separator="\\u001f") AS ?aliases) WHERE {{
  GRAPH ?g {{ ?company a <{CIKG.Company}> }}
  FILTER(!STRSTARTS(STR(?g), ?arg_reloading))
  ?company <{RDFS}label> ?label .
  OPTIONAL {{ ?company <{CIKG.headquarteredIn}> ?country
             FILTER(STRSTARTS(STR(?country), "{ID_BASE}country/"))
             BIND(UCASE(STRAFTER(STR(?country), "{ID_BASE}country/")) AS ?code) }}
  OPTIONAL {{ ?company <{SKOS}altLabel> ?alias }}
}} GROUP BY ?company ?label ?code"""


def known_companies(store: Store, reloading: Sequence[str] = ()) -> list[KnownCompany]:
    """Return the companies other sources than *reloading* (source keys) put in the store.

    Leaving out what the reloaded sources said themselves makes a reload resolve names
    exactly as the first load did.
    """
    prefixes = " ".join(f'("{graph_iri("source", key).value}/")' for key in reloading)
    sparql = KNOWN_COMPANIES.replace(
        "FILTER(!STRSTARTS(STR(?g), ?arg_reloading))",
        f"FILTER NOT EXISTS {{ VALUES (?arg_reloading) {{ {prefixes} }} "
        f"FILTER(STRSTARTS(STR(?g), ?arg_reloading) || STR(?g) = "
        f"SUBSTR(?arg_reloading, 1, STRLEN(?arg_reloading) - 1)) }}" if reloading else "")
    result = store.query(sparql, limit=None, timeout=None)
    assert isinstance(result, SelectResult)
    companies = []
    for iri, label, code, aliases in result.rows:
        if not isinstance(iri, NamedNode) or not isinstance(label, Literal):
            continue
        key = iri.value.rsplit("/", 1)[-1].replace("-", " ")
        texts = aliases.value.split("\u001f") if isinstance(aliases, Literal) else []
        companies.append(KnownCompany(key, label.value,
                                      code.value if isinstance(code, Literal) else None,
                                      tuple(a for a in texts if a)))
    return companies


def _overrides(paths: list[Path], entities: Path | None) -> Overrides | None:
    if entities is not None:
        return Overrides.read(entities)
    found = [p / "entities.toml" for p in paths if (p / "entities.toml").is_file()]
    return Overrides.read(found[0]) if found else None


def owned_graphs(store: Store, sources: list[SourceGraphs]) -> set[NamedNode]:
    """Return the graphs the store holds for *sources*: each source graph and what it lists."""
    if not sources:
        return set()
    present = store.graphs()
    source_graphs = [s.graph for s in sources if s.graph in present]
    if not source_graphs:
        return set()
    values = " ".join(str(g) for g in source_graphs)
    result = store.query(
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?sg {{ {values} }} "
        f"GRAPH ?sg {{ ?g <{PROV}wasDerivedFrom>|<{CIKG.importedFrom}> ?src }} }}", limit=None,
        timeout=None)
    assert isinstance(result, SelectResult)
    listed = {row[0] for row in result.rows if isinstance(row[0], NamedNode)}
    return set(source_graphs) | (listed & present)


def _counted(quads: Iterable[Quad], counts: dict[str, int], key: str) -> Iterator[Quad]:
    counts.setdefault(key, 0)
    for quad in quads:
        counts[key] += 1
        yield quad


class QuadParts:
    """The quads of one build, iterable as one stream, with its parts kept apart.

    A store may look at :attr:`parts` to write a part whose graphs are known
    beforehand (a :class:`~cikg.loaders.provenance.GraphStream`: its ``graphs`` and
    ``count``) without checking or counting each of its quads in Python.
    """

    def __init__(self, parts: Sequence[Iterable[Quad]]) -> None:
        self.parts = list(parts)

    def __iter__(self) -> Iterator[Quad]:
        return chain.from_iterable(self.parts)


def build(store: Store, paths: list[Path], *, vocabulary: bool = True,
          fresh: bool = False, entities: Path | None = None) -> BuildReport:
    """Load *paths* (files or directories) into *store* in one transaction.

    Parameters
    ----------
    store : Store
        Where to write.
    paths : list of Path
        Source files, or directories whose sources are all loaded.
    vocabulary : bool
        Also (re)load the bundled ontology and taxonomies.
    fresh : bool
        Drop every other graph in the same transaction, so the store holds exactly
        these sources.
    entities : Path, optional
        Entity-resolution overrides (see :class:`cikg.loaders.resolve.Overrides`);
        default ``entities.toml`` in a source directory, if there is one.

    Returns
    -------
    BuildReport

    Raises
    ------
    LoadError
        When a source cannot be loaded; nothing is written then.
    """
    started = time.perf_counter()
    files = find_sources(paths)
    known = known_companies(store, [path.name for path in files])
    resolver = Resolver(known, overrides=_overrides(paths, entities))
    sources = [load_source(path, resolver=resolver) for path in files]
    keys: dict[str, str] = {}
    for source in sources:
        name = source.info.file_name or source.info.key
        if source.info.key in keys:
            raise LoadError(name, f"another source has the same key {source.info.key!r} "
                            f"({keys[source.info.key]}); rename one of the files")
        keys[source.info.key] = name
    history_graphs, history = source_changes(store, sources)
    graphs = store.graphs() if fresh else owned_graphs(store, sources)
    graphs |= history_graphs
    streams: list[Iterable[Quad]] = []
    if vocabulary:
        vocab_graphs, vocab = vocabulary_quads()
        graphs |= vocab_graphs
        streams.append(vocab)
    streams.append(history)
    counts: dict[str, int] = {}
    for source in sources:
        graphs |= source.graphs()
        key = source.info.key
        for part in source.parts():
            if isinstance(part, GraphStream):  # counted by its loader, checked by the store
                counts[key] = counts.get(key, 0) + part.count
                streams.append(part)
            else:
                streams.append(_counted(part, counts, key))
    written = store.replace(graphs, QuadParts(streams))
    summaries = [SourceSummary(s.info.key, s.info.kind, s.info.file_name or s.info.key,
                               counts.get(s.info.key, 0), list(s.warnings))
                 for s in sources]
    return BuildReport(summaries, written, time.perf_counter() - started)


