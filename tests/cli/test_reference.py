"""docs/cli.md is generated from --help: it must be current, and every command documented."""

from __future__ import annotations

from cikg.cli.reference import command_paths, help_text, reference
from tests.conftest import ROOT


def test_cli_reference_is_up_to_date():
    committed = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert committed == reference(), "run: python -m cikg.cli.reference docs/cli.md"


def test_every_command_has_help_text():
    paths = command_paths()
    assert ["build"] in paths
    for path in paths:
        lines = [line.strip() for line in help_text(path).splitlines() if line.strip()]
        assert lines[0].startswith("Usage:"), path
        assert not lines[1].startswith(("Options:", "Arguments:")), f"{path} has no help text"
