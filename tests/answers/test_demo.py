"""``cikg demo`` writes a market briefing and a material briefing into the output folder."""

from __future__ import annotations

from cikg.demo import run_demo
from tests.conftest import DATA


def test_demo_writes_briefings(tmp_path):
    out = tmp_path / "demo-out"
    lines = list(run_demo(out, [DATA], store=f"oxigraph:{tmp_path / 'store'}"))
    for stem in ("market-briefing", "material-briefing"):
        assert f"  {out / stem}.md" in lines
        assert f"  {out / stem}.html" in lines
    market = (out / "market-briefing.md").read_text(encoding="utf-8")
    assert market.startswith("# Market briefing: Anode Material for Sodium-ion Battery")
    assert "imply 17.6 % a year over 2024-2032" in market
    material = (out / "material-briefing.md").read_text(encoding="utf-8")
    assert material.startswith("# Material briefing: Hard carbon")
    page = (out / "material-briefing.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 3
