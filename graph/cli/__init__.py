"""The ``cikg`` command: a thin layer over the Python API.

Each command parses its arguments, calls one API function and hands the result to
:func:`cikg.output.render`. Exit codes: 0 ok, 1 findings (validation violations),
2 usage or input error. Domain errors print one line on stderr (a traceback only
with ``--debug``). Commands live in one module per group; this package is the only
place that imports the CLI framework.
"""

from __future__ import annotations

import os
import sys

import typer

from cikg.errors import CikgError

from .common import app

__all__ = ["app", "main"]

# importing the command modules registers their commands on `app`
from . import (  # noqa: E402, F401
    analyze_commands,
    answer_commands,
    graph_commands,
    serve_commands,
    view_commands,
)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 findings, 2 usage or input error)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("CIKG_DEBUG"))
    try:
        app(args=args, prog_name="cikg")  # standalone: usage errors exit 2 via SystemExit
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except CikgError as exc:
        if debug:
            raise
        typer.echo(f"cikg: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


