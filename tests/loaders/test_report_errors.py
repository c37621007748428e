"""What the report parser refuses (LoadError with file and line) and what it only warns."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders.report import decode_report, parse_report, read_report

from .report_helpers import REPORTS


def _error(path) -> LoadError:
    with pytest.raises(LoadError) as info:
        read_report(path)
    err = info.value
    assert str(path) in str(err)
    assert err.source == str(path)
    return err


def test_empty_file() -> None:
    err = _error(REPORTS / "bad_empty.txt")
    assert err.line == 1
    assert "empty" in err.reason


@pytest.mark.parametrize("data", [b"   \n\n\t", b"\xef\xbb\xbf\n", "\ufeff \n".encode("utf-16")])
def test_blank_files_are_empty(tmp_path, data: bytes) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(data)
    assert "empty" in _error(p).reason


def test_binary_file_names_the_byte() -> None:
    err = _error(REPORTS / "bad_binary.bin")
    assert "binary" in err.reason
    assert "byte 8" in err.reason  # the first NUL of the PNG header
    assert err.line == 3


def test_utf16_without_bom(tmp_path) -> None:
    p = tmp_path / "nobom.txt"
    p.write_bytes("---\ntitle: X Market\n---\n".encode("utf-16-le"))
    err = _error(p)
    assert "UTF-16 without a byte-order mark" in err.reason


def test_bom_that_lies(tmp_path) -> None:
    p = tmp_path / "lies.txt"
    p.write_bytes(b"\xef\xbb\xbf# X Market\n\xff\xfe")
    err = _error(p)
    assert "UTF-8" in err.reason
    assert "byte 14" in err.reason


def test_random_high_bytes_with_controls_are_binary(tmp_path) -> None:
    p = tmp_path / "blob.dat"
    p.write_bytes(bytes([0xC3, 0x28, 1, 2, 3, 4, 5, 6, 7, 0x0E, 0x0F] * 10))
    assert "binary" in _error(p).reason


def test_truncated_inside_a_tag() -> None:
    err = _error(REPORTS / "bad_truncated_in_tag.txt")
    assert "truncated" in err.reason
    assert "inside a tag" in err.reason
    lines = (REPORTS / "bad_truncated_in_tag.txt").read_text(encoding="utf-8").count("\n") + 1
    assert err.line == lines


def test_truncated_inside_an_element() -> None:
    err = _error(REPORTS / "bad_truncated_in_element.txt")
    assert "<strong>" in err.reason
    assert err.line == 12
    assert "opened at line 12" in err.reason


def test_not_a_report() -> None:
    err = _error(REPORTS / "bad_not_a_report.txt")
    assert "no recognisable report section" in err.reason
    assert err.line == 1


def test_no_title() -> None:
    err = _error(REPORTS / "bad_no_title.txt")
    assert "no title" in err.reason


def test_missing_file(tmp_path) -> None:
    assert "cannot read" in _error(tmp_path / "absent.txt").reason


def test_parse_report_rejects_non_text() -> None:
    with pytest.raises(LoadError, match="expected text"):
        parse_report(b"# X Market")  # type: ignore[arg-type]


def test_parse_report_names_the_source() -> None:
    with pytest.raises(LoadError, match=r"^in-memory:1: empty report"):
        parse_report("", name="in-memory")


def test_nul_in_text() -> None:
    with pytest.raises(LoadError, match="NUL"):
        parse_report("# X Market\n<p><strong>MARKET INSIGHTS</strong></p>\x00")


def test_latin1_decodes_with_warning() -> None:
    text, warnings = decode_report(b"# Caf\xe9 Market \x80 sign")
    assert text == "# Café Market € sign"
    assert warnings
    assert "byte 0xe9 at byte 5" in warnings[0]


def test_cp1252_undefined_bytes_fall_back_to_latin1() -> None:
    text, warnings = decode_report(b"# Caf\xe9 \x81 Market")
    assert text == "# Café \x81 Market"
    assert warnings


def test_gaps_are_warnings_not_errors() -> None:
    r = read_report(REPORTS / "v05_gaps_warnings.txt")
    assert r.sizes == []
    assert r.cagr is None
    assert r.companies == []
    assert len(r.warnings) == 5
