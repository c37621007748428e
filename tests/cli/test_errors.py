"""Bad input gets one clear line on stderr, exit code 2, and leaves the store as it was."""

from __future__ import annotations

import pytest

from cikg.cli import main
from cikg.store import open_store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("cikg: error: ")
    assert "Traceback" not in err
    return lines[0]


def test_unknown_store_spec(capsys):
    code, _, err = run(capsys, "query", "companies-by-country", "--store", "postgres:db")
    assert code == 2
    assert one_error_line(err) == ("cikg: error: unknown store spec 'postgres:db': use "
                                   "oxigraph:PATH, memory: or an http(s):// SPARQL endpoint")


def test_store_from_environment(capsys, monkeypatch):
    monkeypatch.setenv("CIKG_STORE", "bogus:x")
    code, _, err = run(capsys, "stats")
    assert code == 2
    assert "unknown store spec 'bogus:x'" in one_error_line(err)


def test_unreachable_endpoint(capsys):
    code, _, err = run(capsys, "sparql", "ASK { ?s ?p ?o }", "--store", "http://127.0.0.1:9/query")
    assert code == 2
    assert "cannot reach the SPARQL endpoint http://127.0.0.1:9/query" in one_error_line(err)


def test_sparql_syntax_error_names_the_problem(capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    open_store(spec).close()
    code, _, err = run(capsys, "sparql", "SELECT ?s WHERE { ?s ?p", "--store", spec)
    assert code == 2
    assert "SPARQL syntax error" in one_error_line(err)


def test_query_on_missing_store(capsys, tmp_path):
    code, _, err = run(capsys, "query", "sources", "--store", f"oxigraph:{tmp_path / 'none'}")
    assert code == 2
    assert "no store at" in one_error_line(err)
    assert not (tmp_path / "none").exists()


def test_unwritable_store_path(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "build", str(blocker), "--store", f"oxigraph:{blocker / 'db'}")
    assert code == 2
    assert "cannot open the store" in one_error_line(err)


def test_locked_store(capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    writer = open_store(spec)
    try:
        code, _, err = run(capsys, "sparql", "INSERT DATA { <x:a> <x:b> <x:c> }", "--update",
                           "--store", spec)
    finally:
        writer.close()
    assert code == 2
    assert "is in use by another cikg process" in one_error_line(err)


def test_missing_source_writes_nothing(capsys, tmp_path):
    store_path = tmp_path / "store"
    code, _, err = run(capsys, "build", str(tmp_path / "nothing.txt"),
                       "--store", f"oxigraph:{store_path}")
    assert code == 2
    missing = tmp_path / "nothing.txt"
    assert one_error_line(err) == f"cikg: error: {missing}: no such file or directory"
    assert not store_path.exists()


def test_unknown_query_suggests(capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    open_store(spec).close()
    code, _, err = run(capsys, "query", "companies-by-countri", "--store", spec)
    assert code == 2
    assert "did you mean companies-by-country" in one_error_line(err)


def test_usage_error_exits_2(capsys):
    code, _, err = run(capsys, "query", "--format", "yaml")
    assert code == 2
    assert "yaml" in err


def test_debug_shows_traceback(tmp_path):
    with pytest.raises(Exception, match="unknown store spec"):
        main(["--debug", "stats", "--store", "bogus:x"])


def test_update_requires_flag(capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    open_store(spec).close()
    code, _, err = run(capsys, "sparql", "DROP ALL", "--store", spec)
    assert code == 2
    assert "read-only" in one_error_line(err)


def test_help_for_every_command(capsys):
    for command in ("build", "query", "sparql", "stats", "export", "extract", "demo"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert "Usage:" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip()[0].isdigit()


