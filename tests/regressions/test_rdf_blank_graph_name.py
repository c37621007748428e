"""Symptom: a TriG or N-Quads file whose graph name is a blank node (``_:g { ... }``)
crashed the load with a bare AssertionError instead of loading (skolemization replaced
blank subjects and objects, not blank graph names)."""

from __future__ import annotations

from cikg.loaders import load_source


def test_blank_graph_names_become_skolem_iris(tmp_path):
    (tmp_path / "a.trig").write_text("_:g { <http://e/a> <http://e/b> <http://e/c> . }\n")
    (tmp_path / "a.nq").write_text("<http://e/a> <http://e/b> _:x _:g .\n")
    for name in ("a.trig", "a.nq"):
        source = load_source(tmp_path / name)
        graphs = {q.graph_name.value for q in source.quads()}
        data = f"https://w3id.org/cikg/graph/source/{name.replace('.', '-')}/data"
        assert f"{data}/.well-known/genid/c14n0" in graphs
        assert {g.value for g in source.graphs()} >= graphs
