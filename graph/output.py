"""One formatter for every command's tabular result: table, csv, json, markdown."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pandas as pd

__all__ = ["FORMATS", "render"]

FORMATS = ("table", "csv", "json", "markdown")


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{col: _plain(val) for col, val in zip(frame.columns, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


def _cell(value: object) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) >= 1e6 else f"{value:g}"
    return str(value)


def _table(frame: pd.DataFrame, title: str | None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left",
                         overflow="fold")
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*(_cell(v) for v in row))
    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, highlight=False).print(table)
    return buffer.getvalue()


def _markdown(frame: pd.DataFrame) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(str(c)) for c in frame.columns) + " |",
             "|" + "|".join("---" for _ in frame.columns) + "|"]
    for row in frame.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(esc(_cell(v)) for v in row) + " |")
    return "\n".join(lines) + "\n"


def render(frame: pd.DataFrame, fmt: str = "table", *, title: str | None = None) -> str:
    """Return *frame* as text in *fmt* (``table``, ``csv``, ``json`` or ``markdown``).

    Examples
    --------
    >>> print(render(pd.DataFrame({"country": ["CN"], "companies": [5]}), "csv"), end="")
    country,companies
    CN,5
    """
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return json.dumps(_records(frame), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(frame)
    if fmt == "table":
        return _table(frame, title)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
