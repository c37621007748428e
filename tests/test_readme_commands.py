"""End to end: the README's commands in subprocesses, and the wheel in a fresh venv."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

CIKG = [sys.executable, "-m", "cikg.cli"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CIKG, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_demo_then_query_in_a_fresh_directory(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    demo = run("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    for name in ("landscape.html", "companies-by-country.csv", "graph.trig"):
        assert (tmp_path / "demo-out" / name).stat().st_size > 0
        assert f"demo-out/{name}" in demo.stdout
    query = run("query", "companies-by-country", "--format", "csv", cwd=tmp_path)
    assert query.returncode == 0, query.stderr
    rows = list(csv.DictReader(query.stdout.splitlines()))
    assert [(r["country"], r["companies"]) for r in rows] == [
        ("CN", "5"), ("US", "3"), ("JP", "2"), ("CA", "1")]


def test_build_query_json_and_sparql_file(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    assert run("build", str(DATA), "--store", store, cwd=tmp_path).returncode == 0
    out = run("query", "companies-by-country", "-p", "country=US", "--format", "json",
              "--store", store, cwd=tmp_path)
    assert '"companies": 3' in out.stdout
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
                     "?c a <https://w3id.org/cikg/ontology#Company> }")
    out = run("sparql", "-F", str(query), "--format", "csv", "--store", store, cwd=tmp_path)
    assert out.stdout.splitlines() == ["n", "11"]


def test_error_exit_code_in_a_subprocess(tmp_path):
    result = run("build", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "cikg: error: missing.txt: no such file or directory"
    assert not (tmp_path / "cikg-data").exists()


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(dist.glob("cikg-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]
    help_text = subprocess.run([str(env / "bin" / "cikg"), "--help"], capture_output=True,
                               text=True, timeout=120)
    assert help_text.returncode == 0, help_text.stderr
    assert "build" in help_text.stdout
    listing = subprocess.run([str(env / "bin" / "cikg"), "query", "--list", "--format", "csv"],
                             capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "companies-by-country" in listing.stdout
    # one import namespace: the wheel installs cikg and nothing else at the top level
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"cikg"}
    for name in ("cikg/queries/companies-by-country.rq", "cikg/ontology/cikg.ttl",
                 "cikg/views/templates/network.html"):
        assert name in archive.namelist()
