"""The benchmark stays working: its generator writes what cikg writes, and a 10k run ends."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import directory_source, generate, landscape, parse_scale
from cikg.loaders.resolve import KnownCompany, Resolver
from cikg.loaders.tables import load_table
from cikg.ontology.ids import PROV

ROOT = Path(__file__).resolve().parents[2]
ENDED = "http://www.w3.org/ns/prov#endedAtTime"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    """A 10k-triple data set with a 300-row capacity table."""
    return generate("10k", tmp_path_factory.mktemp("bench-data"), csv_rows=300)


def _lines(quads) -> list[str]:  # noqa: ANN001
    buffer = io.BytesIO()
    ox.serialize((q for q in quads if q.predicate.value != ENDED), buffer,
                 ox.RdfFormat.N_QUADS)
    return sorted(buffer.getvalue().decode().splitlines())


def test_same_seed_same_files(small, tmp_path):
    again = generate("10k", tmp_path / "again", csv_rows=300)
    assert again.trig.read_bytes() == small.trig.read_bytes()
    assert again.capacity_csv.read_bytes() == small.capacity_csv.read_bytes()
    other = generate("10k", tmp_path / "other", csv_rows=300, seed=8)
    assert other.trig.read_bytes() != small.trig.read_bytes()


def test_size_and_shape(small):
    assert 10_000 <= small.quads <= 11_500
    assert small.companies == 10_000 // 150
    quads = list(ox.parse(path=small.trig, format=ox.RdfFormat.TRIG))
    assert len(quads) == small.quads
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    assertion_graphs = {q.graph_name for q in quads if "/a/" in q.graph_name.value}
    described = {q.subject for q in quads if q.predicate.value == PROV + "wasDerivedFrom"}
    assert assertion_graphs
    assert assertion_graphs <= described


def test_directory_table_is_what_the_table_loader_writes(small):
    land = landscape(small.companies, seed=7)
    named = {c.key for c in land.companies[::2]}
    resolver = Resolver([KnownCompany(c.key, c.name, c.country)
                         for c in land.companies if c.key in named])
    ours = directory_source(land, small.directory_csv, named)
    theirs = load_table(small.directory_csv, resolver=resolver)
    assert _lines(ours.quads()) == _lines(theirs.quads())


def test_capacity_table_loads(small):
    source = load_table(small.capacity_csv)
    rows = {q.graph_name for q in source.quads() if "/a/" in q.graph_name.value}
    assert len(rows) == 300


def test_scales():
    assert parse_scale("1M") == 1_000_000
    with pytest.raises(ValueError, match="not a scale"):
        parse_scale("lots")


@pytest.mark.slow
def test_bench_10k_runs(tmp_path):
    """``python -m bench --scale 10k`` with short settings: every engine ends, JSON is written."""
    out = tmp_path / "results"
    process = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "10k", "--runs", "1", "--load-runs", "1",
         "--timeout", "20", "--rdflib-timeout", "5", "--skip", "bench_views,bench_analytics",
         "--data", str(tmp_path / "data"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert process.returncode == 0, process.stderr[-3000:]
    result = json.loads((out / "10k.json").read_text())
    assert {e: r["status"] for e, r in result["engines"].items()} == dict.fromkeys(
        ("pyoxigraph", "cikg", "rdflib", "csv", "reports"), "ok")
    summary = result["summary"]
    assert summary["load_cikg_vs_raw"] is not None
    assert summary["catalog"]["compared_cikg_raw"] > 0
    assert "cikg/raw" in process.stdout
    assert "targets" in process.stdout
