"""RDF files as sources: every syntax, graphs kept or gathered, blank nodes skolemized
deterministically, syntax errors with their line, reloads that replace exactly the file's
graphs."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import cikg
from cikg.errors import LoadError
from cikg.loaders import load_source

from .table_helpers import GRAPH, ID, RDF_FIXTURES, dump, select, source_store

EX = "http://example.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
SUPPLIER = ["supplier.ttl", "supplier.nt", "supplier.rdf", "supplier.jsonld"]


def skolem(iri: str | None) -> str | None:
    """A skolem IRI without the file it is scoped by: '_:c14n0'."""
    if iri is None:
        return None
    return re.sub(r"^.*/\.well-known/genid/", "_:", iri)


def graph_triples(store, graph: str) -> set[tuple]:
    rows = select(store, f"SELECT ?s ?p ?o ?dt ?lang WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                         "BIND(IF(ISLITERAL(?o), STR(DATATYPE(?o)), '') AS ?dt) "
                         "BIND(IF(ISLITERAL(?o), LANG(?o), '') AS ?lang) }")
    return {(skolem(s), p, skolem(o), dt, lang) for s, p, o, dt, lang in rows}


def copy(name: str, directory: Path, as_name: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / (as_name or name)
    shutil.copy(RDF_FIXTURES / name, target)
    return target


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_source(path)
    return info.value


# ---------------------------------------------------------------- syntaxes


@pytest.mark.parametrize("name", SUPPLIER)
def test_each_syntax_gives_the_same_triples_in_the_data_graph(name):
    store = source_store(RDF_FIXTURES / name)
    slug = name.replace(".", "-")
    data = f"{GRAPH}source/{slug}/data"
    string = "http://www.w3.org/2001/XMLSchema#string"
    assert graph_triples(store, data) == {
        (EX + "acme", RDF_TYPE, EX + "Supplier", "", ""),
        (EX + "acme", RDFS_LABEL, "Acme Carbon",
         "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "en"),
        (EX + "acme", EX + "founded", "1999", INTEGER, ""),
        (EX + "acme", EX + "plant", "_:c14n0", "", ""),
        ("_:c14n0", EX + "city", "Ningbo", string, ""),
        ("_:c14n0", EX + "capacity", "12000", INTEGER, ""),
    }
    # the blank node became an IRI scoped by the file's data graph
    plants = select(store, f"SELECT ?p WHERE {{ <{EX}acme> <{EX}plant> ?p }}")
    assert plants == [(f"{data}/.well-known/genid/c14n0",)]
    # nothing outside the file's source graph, its data graph and nothing else
    graphs = {row[0] for row in select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")}
    assert graphs == {f"{GRAPH}source/{slug}", data}


def test_source_description_of_an_rdf_file():
    path = RDF_FIXTURES / "supplier.ttl"
    store = source_store(path)
    rows = select(store, f"SELECT ?p ?o WHERE {{ GRAPH <{GRAPH}source/supplier-ttl> {{ "
                         f"<{ID}source/supplier-ttl> ?p ?o }} }}")
    described = {p.rsplit("/", 1)[-1].rsplit("#", 1)[-1]: o for p, o in rows}
    assert described["type"] == "https://w3id.org/cikg/ontology#RdfDocument"
    assert described["title"] == described["fileName"] == "supplier.ttl"
    assert described["contentHash"] == hashlib.sha256(path.read_bytes()).hexdigest()
    # the data graph is derived from the file
    derived = select(store, "SELECT ?g ?src WHERE { ?g prov:wasDerivedFrom ?src }")
    assert derived == [(f"{GRAPH}source/supplier-ttl/data", f"{ID}source/supplier-ttl")]


@pytest.mark.parametrize("name", ["graphs.trig", "graphs.nq"])
def test_trig_and_nquads_keep_their_graphs(name):
    store = source_store(RDF_FIXTURES / name)
    slug = name.replace(".", "-")
    source_graph, data = f"{GRAPH}source/{slug}", f"{GRAPH}source/{slug}/data"
    string = "http://www.w3.org/2001/XMLSchema#string"
    assert graph_triples(store, EX + "claims") == {
        (EX + "acme", EX + "supplies", EX + "hardCarbon", "", "")}
    assert graph_triples(store, EX + "plants") == {
        (EX + "acme", EX + "plant", "_:c14n0", "", ""),
        ("_:c14n0", EX + "city", "Ningbo", string, "")}
    assert graph_triples(store, data) == {
        (EX + "acme", EX + "note", "in the default graph", string, "")}
    # each graph of the file is recorded in the source graph as derived from the file
    derived = select(store, f"SELECT ?g ?src WHERE {{ GRAPH <{source_graph}> {{ "
                            "?g prov:wasDerivedFrom ?src } }")
    assert derived == sorted((g, f"{ID}source/{slug}")
                             for g in (EX + "claims", EX + "plants", data))


def test_json_ld_1_1_features(tmp_path):
    # @version 1.1, a scoped context, @nest and a @json literal
    text = """{
      "@context": {"@version": 1.1, "ex": "http://example.org/",
        "Org": {"@id": "ex:Org", "@context": {"n": "ex:orgName"}},
        "labels": "@nest", "alias": {"@id": "ex:alias", "@nest": "labels"},
        "raw": {"@id": "ex:raw", "@type": "@json"}},
      "@id": "ex:a", "@type": "Org", "n": "A", "labels": {"alias": "Ay"}, "raw": {"x": [1]}
    }"""
    (tmp_path / "features.jsonld").write_text(text, encoding="utf-8")
    store = source_store(tmp_path / "features.jsonld")
    assert graph_triples(store, f"{GRAPH}source/features-jsonld/data") == {
        (EX + "a", RDF_TYPE, EX + "Org", "", ""),
        (EX + "a", EX + "orgName", "A", "http://www.w3.org/2001/XMLSchema#string", ""),
        (EX + "a", EX + "alias", "Ay", "http://www.w3.org/2001/XMLSchema#string", ""),
        (EX + "a", EX + "raw", '{"x":[1]}', "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON",
         ""),
    }


def test_json_ld_remote_context_is_never_fetched(tmp_path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "http://example.org/a", '
                    '"name": "A"}')
    err = load_error(path)
    assert str(err) == (f"{path}: JSON-LD context 'https://schema.org/' is remote: cikg "
                        "never fetches URLs; put the context in the file")


def test_unknown_rdf_suffix(tmp_path):
    path = tmp_path / "data.rdfa"
    path.write_text("<html/>")
    assert str(load_error(path)).startswith(f"{path}: unknown source type '.rdfa'")


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(("name", "text", "line"), [
    ("bad.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open\n', 3),
    ("bad.nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n", 2),
    ("bad.trig", "@prefix ex: <http://example.org/> .\nex:g {\n ex:a ex:b ex:c .\n", 4),
    ("bad.nq", '<http://e/a> <http://e/b> "x" <http://e/g> .\n<http://e/a> <http://e/b> "y" '
     '"graph" .\n', 2),
    ("bad.jsonld", '{\n  "@id": "http://e/a",\n  "http://e/b": [1, 2,\n}\n', 4),
    ("bad.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
     '22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://e/a">\n</rdf:RDF>\n', 4),
    ("bad.ttl", '@prefix ex: <http://example.org/> .\n\nex:a ex:b <http://e/c d> .\n', 3),
    ("bad.ttl", b"\xff\xfe<http://e/a> <http://e/b> <http://e/c> .\n", 1),
])
def test_syntax_error_names_file_and_line(tmp_path, name, text, line):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    err = load_error(path)
    assert err.line == line
    assert str(err).startswith(f"{path}:{line}: RDF syntax error: ")
    assert "\n" not in str(err)


# ---------------------------------------------------------------- the store


def test_reload_gives_identical_dumps(any_spec, tmp_path):
    paths = [copy(name, tmp_path / "src") for name in [*SUPPLIER, "graphs.trig"]]
    with cikg.open(any_spec) as kg:
        first = kg.load(*paths, vocabulary=False)
        once = dump(kg, load_times=False)
        second = kg.load(*paths, vocabulary=False)
        assert dump(kg, load_times=False) == once
    assert first.quads == second.quads
    assert any(b"/.well-known/genid/c14n0" in line for line in once)
    assert not any(line.startswith(b"_:") or b" _:" in line for line in once)


def _graphs_of(lines: list[bytes], slug: bytes) -> list[bytes]:
    """The N-Quads lines in the graphs of the source *slug* (its source graph and below)."""
    marker = b"/graph/source/" + slug
    return [line for line in lines if marker in line.rsplit(b" ", 2)[-2]]


def test_reloading_a_trig_replaces_exactly_its_graphs(any_spec, tmp_path):
    trig = copy("graphs.trig", tmp_path / "src")
    other = copy("supplier.ttl", tmp_path / "src")
    with cikg.open(any_spec) as kg:
        kg.load(trig, other, vocabulary=False)
        supplier_before = _graphs_of(dump(kg, load_times=False), b"supplier-ttl")
        assert len(supplier_before) > 6
        graphs = set(kg.store.graphs())
        assert {g.value for g in graphs} >= {EX + "claims", EX + "plants"}
        # the file loses a graph, changes another, and gains a third
        trig.write_text(
            "@prefix ex: <http://example.org/> .\n"
            "ex:claims { ex:acme ex:supplies ex:softCarbon . }\n"
            "ex:rivals { ex:acme ex:competesWith ex:beta . }\n", encoding="utf-8")
        kg.load(trig, vocabulary=False)
        names = {g.value for g in kg.store.graphs()}
        assert EX + "plants" not in names
        assert f"{GRAPH}source/graphs-trig/data" not in names
        assert {EX + "claims", EX + "rivals"} <= names
        claims = kg.sparql(f"SELECT ?o WHERE {{ GRAPH <{EX}claims> {{ ?s ?p ?o }} }}")
        assert claims["o"].tolist() == [EX + "softCarbon"]
        # the other source is untouched
        assert _graphs_of(dump(kg, load_times=False), b"supplier-ttl") == supplier_before


def test_failed_rdf_reload_leaves_the_store_as_it_was(any_spec, tmp_path):
    trig = copy("graphs.trig", tmp_path / "src")
    with cikg.open(any_spec) as kg:
        kg.load(trig, vocabulary=False)
        before = dump(kg)
        trig.write_text("@prefix ex: <http://example.org/> .\nex:claims { ex:a ex:b ",
                        encoding="utf-8")
        with pytest.raises(LoadError, match=r"graphs.trig:2: RDF syntax error"):
            kg.load(trig, vocabulary=False)
        assert dump(kg) == before


def test_blank_node_graph_names_are_skolemized(tmp_path):
    path = tmp_path / "anonymous.trig"
    path.write_text("@prefix ex: <http://example.org/> .\n_:g { ex:a ex:b _:x . }\n"
                    "ex:named { ex:a ex:c ex:d . }\n", encoding="utf-8")
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(path, vocabulary=False)
        once = dump(kg, load_times=False)
        names = {g.value for g in kg.store.graphs()}
        kg.load(path, vocabulary=False)
        assert dump(kg, load_times=False) == once
    data = f"{GRAPH}source/anonymous-trig/data"
    skolems = {n for n in names if "/.well-known/genid/" in n}
    assert len(skolems) == 1
    assert skolems.pop().startswith(f"{data}/.well-known/genid/")
