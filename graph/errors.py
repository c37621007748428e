"""The one error hierarchy of cikg.

Every domain error is a :class:`CikgError`; the CLI turns it into one line on
stderr and exit code 2. Messages name the bad value and say how to fix it.
"""

from __future__ import annotations

__all__ = ["CikgError", "LoadError", "QueryError", "StoreError", "ValidationError"]


class CikgError(Exception):
    """Base class of every error cikg raises on purpose."""


class LoadError(CikgError):
    """A source could not be loaded; names the file and, where known, line and field.

    Parameters
    ----------
    source : str
        The file (or URL) that failed.
    reason : str
        What is wrong and, where possible, how to fix it.
    line, column : int, optional
        1-based position in the file.
    field : str, optional
        The column, key or element that holds the bad value.

    Examples
    --------
    >>> str(LoadError("prices.csv", "'abc' is not a number", line=3, field="amount"))
    "prices.csv:3: amount: 'abc' is not a number"
    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source, self.reason = source, reason
        self.line, self.column, self.field = line, column, field
        where = source
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        what = f"{field}: {reason}" if field else reason
        super().__init__(f"{where}: {what}")


class QueryError(CikgError):
    """A query is unknown, malformed, or failed on the engine; names the query."""


class StoreError(CikgError):
    """The store cannot be opened, reached, read or written."""


class ValidationError(CikgError):
    """The graph or a parameter breaks a rule of the ontology or the catalog."""
