"""The CLI reference page (docs/cli.md), generated from ``--help`` so it cannot drift.

``python -m cikg.cli.reference docs/cli.md`` rewrites it; a test regenerates it and
compares, and fails when a command has no help text.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import typer

from . import app, main

__all__ = ["command_paths", "help_text", "reference"]


def command_paths() -> list[list[str]]:
    """Return every command as its argument path (``["view", "landscape"]``), sorted."""
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command, prefix: list[str]) -> None:  # noqa: ANN001
        for name in sorted(getattr(command, "commands", {})):
            sub = command.commands[name]
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def help_text(path: list[str]) -> str:
    """Return the ``--help`` output of one command at a fixed width."""
    buffer = io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stdout(buffer):
            main([*path, "--help"])
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    return buffer.getvalue().rstrip() + "\n"


def reference() -> str:
    """Return the Markdown CLI reference: the top-level help, then every command's."""
    parts = ["# CLI reference", "",
             "Generated from `cikg --help` by `python -m cikg.cli.reference docs/cli.md`; "
             "do not edit.", "", "## cikg", "", "```text", help_text([]).rstrip(), "```", ""]
    for path in command_paths():
        parts += [f"## cikg {' '.join(path)}", "", "```text", help_text(path).rstrip(), "```",
                  ""]
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/cli.md")
    target.write_text(reference(), encoding="utf-8")
    print(f"wrote {target}")
