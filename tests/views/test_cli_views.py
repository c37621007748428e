"""``cikg view ...``: every view writes its file; bad input is one line and exit 2."""

from __future__ import annotations

import pytest

from cikg.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("args", "suffix"), [
    (["landscape"], "html"),
    (["landscape", "--group-by", "country"], "html"),
    (["ego", "BTR", "--radius", "2"], "html"),
    (["path", "Shanshan", "Japan"], "html"),
    (["competition", "--group-by", "community"], "html"),
    (["query", "landscape-edges"], "svg"),
    (["landscape"], "png"),
])
def test_view_writes_its_file(capsys, demo_store, tmp_path, args, suffix):
    out = tmp_path / f"view.{suffix}"
    code, _, err = run(capsys, "view", *args, "-o", str(out), "--store", demo_store)
    assert code == 0, err
    assert err.startswith(f"wrote {out} (")
    data = out.read_bytes()
    expected = {"html": b"<!DOCTYPE html>", "svg": b"<?xml", "png": b"\x89PNG"}[suffix]
    assert data.startswith(expected)


def test_format_option_wins_over_a_missing_suffix(capsys, demo_store, tmp_path):
    out = tmp_path / "picture"
    code, _, err = run(capsys, "view", "landscape", "-o", str(out), "-f", "svg",
                       "--store", demo_store)
    assert code == 0, err
    assert out.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(("args", "message"), [
    (["ego", "Nowhere Inc"], "parameter name: no entity named 'Nowhere Inc'"),
    (["path", "BTR", "Nowhere Inc"], "parameter name: no entity named 'Nowhere Inc'"),
    (["query", "companies-by-country"], "query companies-by-country has no column of IRIs"),
    (["landscape", "-f", "svg"], "--format svg does not match the output file out.png"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, demo_store, tmp_path, args, message):
    code, _, err = run(capsys, "view", *args, "-o", str(tmp_path / "out.png"),
                       "--store", demo_store)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(f"cikg: error: {message}")
    assert not (tmp_path / "out.png").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["ego", "BTR", "--radius", "0"], "Invalid value for --radius: must be 1 or more"),
    (["competition", "--group-by", "region"], "Invalid value for '--group-by'"),
    (["path", "BTR"], "Missing argument"),
])
def test_usage_errors_exit_2(capsys, demo_store, tmp_path, args, message):
    code, _, err = run(capsys, "view", *args, "-o", str(tmp_path / "out.html"),
                       "--store", demo_store)
    assert code == 2
    assert message in err
    assert not (tmp_path / "out.html").exists()
