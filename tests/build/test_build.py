"""The build pipeline: demo sources in, one transaction, the same answers on every backend."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

import cikg
from cikg.errors import LoadError
from tests.conftest import DATA, SAMPLE

EXPECTED = {"CN": 5, "US": 3, "JP": 2, "CA": 1}  # the sample report's company list


def companies_by_country(kg: cikg.KnowledgeGraph) -> pd.DataFrame:
    frame = kg.query("companies-by-country")
    frame["names"] = frame["names"].map(lambda s: "; ".join(sorted(s.split("; "))))
    return frame.sort_values("country").reset_index(drop=True)


def dump(kg: cikg.KnowledgeGraph) -> list[bytes]:
    buffer = io.BytesIO()
    kg.export(buffer, format="nquads")
    return sorted(line for line in buffer.getvalue().splitlines() if b"endedAtTime" not in line)


def test_demo_counts_companies_by_country(any_spec):
    with cikg.open(any_spec) as kg:
        kg.load(DATA)
        frame = kg.query("companies-by-country")
    assert dict(zip(frame["country"], frame["companies"], strict=True)) == EXPECTED
    assert frame["companies"].dtype == "Int64"


def test_same_dataframe_on_every_backend(tmp_path, remote_spec):
    frames = []
    for spec in (f"oxigraph:{tmp_path / 'store'}", "memory:", remote_spec):
        with cikg.open(spec) as kg:
            kg.load(DATA)
            frames.append(companies_by_country(kg))
    pd.testing.assert_frame_equal(frames[0], frames[1])
    pd.testing.assert_frame_equal(frames[0], frames[2])


def test_country_parameter(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(SAMPLE)
        frame = kg.query("companies-by-country", country="jp")
    assert frame["country"].tolist() == ["JP"]
    assert sorted(frame["names"][0].split("; ")) == ["KAIJIN", "Kuraray"]


def test_loading_twice_gives_the_same_graph(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        first = kg.load(DATA)
        once = dump(kg)
        second = kg.load(DATA)
        assert dump(kg) == once
    assert first.quads == second.quads


def test_failed_source_leaves_store_as_it_was(any_spec, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SAMPLE, sources / "a-report.txt")
    with cikg.open(any_spec) as kg:
        kg.load(sources / "a-report.txt")
        before = dump(kg)
        broken = sources / "b-broken.csv"
        broken.write_text("company,country\nAcme,Nowhereland\n", encoding="utf-8")
        (sources / "b-broken.toml").write_text(
            '[source]\ntitle = "t"\n[rows]\nname = "company"\ncountry = "country"\n')
        with pytest.raises(LoadError, match=r"b-broken.csv:2: country: unknown country"):
            kg.load(sources)
        assert dump(kg) == before


def test_changed_source_replaces_exactly_its_graphs(tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLE, report)
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(report, DATA / "anode-capacity-illustrative.csv")
        text = report.read_text("utf-8").replace("(Canada)", "(Mexico)")
        report.write_text(text, "utf-8")
        kg.load(report)
        frame = kg.query("companies-by-country")
        counts = dict(zip(frame["country"], frame["companies"], strict=True))
        # the table still says Canada, the changed report now says Mexico: both stay
        assert counts["MX"] == 1
        assert counts["CA"] == 1


def test_stats_and_export(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        report = kg.load(DATA)
        stats = kg.stats()
        kg.export(tmp_path / "graph.trig")
    assert stats["triples"].sum() == report.quads
    assert (tmp_path / "graph.trig").stat().st_size > 10_000


def test_source_order_reports_first():
    from cikg.loaders import find_sources
    names = [p.name for p in find_sources([DATA])]
    assert names == ["anode-sodium-ion-2025.txt", "anode-capacity-illustrative.csv"]
    assert Path(DATA / "entities.toml").exists()
