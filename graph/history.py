"""Load history: what a reload of a changed source added and removed.

When a source whose content hash changed is loaded again, the build compares the
facts of its old assertion graphs (read from the store) with the new ones and writes a
``cikg:SourceChange`` with one ``cikg:FactChange`` per added or removed fact into a
new graph ``graph/history/{source}/{time}``, outside the source's own graphs, so the
history survives later reloads. Streamed sources (tables), and sources with more than
:data:`MAX_DIFF_FACTS` facts, get the change record with both content hashes but no
fact list.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Quad

from cikg.loaders import SourceGraphs
from cikg.loaders.provenance import literal
from cikg.ontology.ids import GRAPH_BASE, PROV, RDF_TYPE, entity_iri, node, slug
from cikg.ontology.namespace import CIKG

from .store import SelectResult, Store

__all__ = ["source_changes"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
Fact = tuple[object, object, object]

#: Above this many facts a change records both hashes but no fact list.
MAX_DIFF_FACTS = 200_000

OLD_STATE = """
SELECT ?hash ?s ?p ?o ?quote WHERE {
  GRAPH ?arg_graph { ?source <%(hash)s> ?hash }
  OPTIONAL {
    GRAPH ?arg_graph { ?g <%(derived)s> ?source OPTIONAL { ?g <%(quote)s> ?quote } }
    GRAPH ?g { ?s ?p ?o }
  }
} LIMIT %(limit)d"""


def _old_state(store: Store, source: SourceGraphs) -> tuple[str | None, dict[Fact, str]]:
    text = OLD_STATE % {"hash": CIKG.contentHash,
                        "derived": f"{PROV}wasDerivedFrom>|<{CIKG.importedFrom}",
                        "quote": CIKG.quote, "limit": MAX_DIFF_FACTS + 1}
    text = text.replace("?arg_graph", str(source.graph))
    result = store.query(text, limit=None, timeout=None)
    assert isinstance(result, SelectResult)
    old_hash: str | None = None
    facts: dict[Fact, str] = {}
    for hash_, s, p, o, quote in result.rows:
        old_hash = hash_.value if isinstance(hash_, Literal) else old_hash
        if s is not None:
            facts[(s, p, o)] = quote.value if isinstance(quote, Literal) else ""
    return old_hash, facts


def _new_facts(source: SourceGraphs) -> dict[Fact, str]:
    quads = list(source.quads())
    quotes = {q.subject: q.object.value for q in quads
              if q.graph_name == source.graph and q.predicate == node(CIKG.quote)}
    return {(q.subject, q.predicate, q.object): quotes.get(q.graph_name, "")
            for q in quads if q.graph_name != source.graph}


def source_changes(store: Store, sources: list[SourceGraphs],
                   *, now: datetime | None = None) -> tuple[set[NamedNode], list[Quad]]:
    """Return the graphs and quads recording what reloading *sources* changes.

    Sources not in the store yet, or whose content hash is unchanged, record nothing.
    """
    now = now or datetime.now(UTC)
    present = store.graphs()
    graphs: set[NamedNode] = set()
    quads: list[Quad] = []
    for source in sources:
        if source.graph not in present:
            continue
        old_hash, old = _old_state(store, source)
        if old_hash == source.info.content_hash:
            continue
        stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
        graph = NamedNode(f"{GRAPH_BASE}history/{slug(source.info.key)}/{stamp}")
        change = entity_iri("change", f"{source.info.key}/{stamp}")
        meta: list[tuple[object, object]] = [
            (RDF_TYPE, node(CIKG.SourceChange)), (PROV + "used", source.info.iri),
            (PROV + "endedAtTime", now), (CIKG.contentHash, source.info.content_hash),
            (CIKG.previousHash, old_hash)]
        quads += [Quad(change, node(p), o if isinstance(o, (NamedNode, Literal)) else literal(o),
                       graph) for p, o in meta if o is not None]
        new = {} if source.streamed else _new_facts(source)
        if not source.streamed and len(old) <= MAX_DIFF_FACTS and len(new) <= MAX_DIFF_FACTS:
            for kind, facts, quotes in (("added", new.keys() - old.keys(), new),
                                        ("removed", old.keys() - new.keys(), old)):
                for s, p, o in sorted(facts, key=str):
                    digest = hashlib.sha1(f"{kind}{s}{p}{o}".encode()).hexdigest()[:16]
                    fact = entity_iri("fact-change", f"{source.info.key}/{stamp}/{digest}")
                    quads += [Quad(fact, RDF_TYPE, node(CIKG.FactChange), graph),
                              Quad(fact, node(CIKG.changeOf), change, graph),
                              Quad(fact, node(CIKG.change), Literal(kind), graph),
                              Quad(fact, node(RDF + "subject"), s, graph),  # type: ignore[arg-type]
                              Quad(fact, node(RDF + "predicate"), p, graph),  # type: ignore[arg-type]
                              Quad(fact, node(RDF + "object"), o, graph),  # type: ignore[arg-type]
                              Quad(fact, node(CIKG.quote), Literal(quotes[(s, p, o)]), graph)]
        graphs.add(graph)
    return graphs, quads
