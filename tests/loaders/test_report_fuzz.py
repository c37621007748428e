"""Property tests: a mutated report parses or raises LoadError, and nothing else.

Mutations work on the sample reports' lines (delete, duplicate, swap, truncate) and inject
random unicode and HTML fragments. On success the evidence invariant must still hold.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cikg.errors import LoadError
from cikg.loaders.report import decode_report, parse_report

from .report_helpers import REPORTS, all_evidence

SOURCES = [(REPORTS / n).read_text(encoding="utf-8").split("\n")
           for n in ("000_c6a839b301780e25.txt", "r1_cathode.txt",
                     "v01_eur_ul_technology.txt", "v03_inr_faq_only_paragraph.txt")]
HTML_BITS = ["<p>", "</p>", "<strong>", "</strong>", "<b>MARKET DRIVERS</b>", "<br>",
             "<ul><li>", "</li></ul>", "&amp;", "&#39;", "&nbsp;", "&", "<", ">", "<!--",
             "-->", "<script>x</script>", "<div>", "</div>", "<p><strong>By Type</strong></p>",
             "<p>USD 1.2-1.4 billion in 2024</p>", "CAGR of 9%", "\u200b", "\ufeff", "---",
             "# ", "(China)", "Co., Ltd.", "<table><tr><td>", "<h2>FAQ</h2>", "\r", "\t",
             "<p><strong>List of Key X Companies Profiled</strong></p>", "<a href='x'>",
             "\x0b", "\u2028"]
SETTINGS = settings(max_examples=int(os.environ.get("CIKG_FUZZ_EXAMPLES", "40")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(text: str) -> None:
    try:
        report = parse_report(text, name="fuzz")
    except LoadError as exc:
        err = exc
    else:
        err = None
    if err is not None:
        assert err.source == "fuzz"
        return
    for ev in all_evidence(report):
        assert report.text[ev.start:ev.end] == ev.quote
    report.to_contract()


@st.composite
def mutated(draw) -> str:
    lines = list(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "inject", "html"]))
        n = len(lines)
        if n < 2:
            break
        i = draw(st.integers(0, n - 1))
        j = draw(st.integers(i, min(n, i + 15)))
        if op == "delete":
            del lines[i:j]
        elif op == "duplicate":
            lines[j:j] = lines[i:j]
        elif op == "swap":
            k = draw(st.integers(0, n - 1))
            lines[i], lines[k] = lines[k], lines[i]
        else:
            bit = draw(st.text(max_size=30)) if op == "inject" else draw(
                st.sampled_from(HTML_BITS))
            line = lines[i]
            pos = draw(st.integers(0, len(line)))
            lines[i] = line[:pos] + bit + line[pos:]
    return "\n".join(lines)


@SETTINGS
@given(mutated())
def test_mutated_reports(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.sampled_from(SOURCES), st.floats(0, 1))
def test_truncated_reports(lines: list[str], frac: float) -> None:
    text = "\n".join(lines)
    _check(text[: int(len(text) * frac)])


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.lists(st.sampled_from(HTML_BITS + ["MARKET INSIGHTS", "x", "\n"]), max_size=60))
def test_random_html_soup(bits: list[str]) -> None:
    _check("# A Market\n" + "".join(bits))


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_load_error(data: bytes) -> None:
    try:
        text, _ = decode_report(data, "fuzz.bin")
    except LoadError as exc:
        assert str(exc).startswith("fuzz.bin")  # noqa: PT017 - any LoadError is fine here
        return
    _check(text)
