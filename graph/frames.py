"""SPARQL results as pandas DataFrames with typed columns."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pandas as pd
from pyoxigraph import BlankNode, Literal, NamedNode

from .store import SelectResult

__all__ = ["term_value", "to_dataframe"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "unsignedInt", "unsignedLong")}
_FLOAT = {XSD + "decimal", XSD + "double", XSD + "float"}


def term_value(term: object) -> object:
    """Return the Python value of an RDF term.

    IRIs become strings, numbers become int/float, ``xsd:date`` a ``date``,
    ``xsd:boolean`` a bool, anything else its lexical form.

    Examples
    --------
    >>> from pyoxigraph import Literal, NamedNode
    >>> term_value(Literal("449.60", datatype=NamedNode(XSD + "decimal")))
    449.6
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, Literal):
        return str(term)
    datatype = term.datatype.value if term.datatype else ""
    try:
        if datatype in _INTEGER:
            return int(term.value)
        if datatype in _FLOAT:
            return float(Decimal(term.value))
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        if datatype == XSD + "date":
            return date.fromisoformat(term.value[:10])
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(term.value.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        return term.value
    return term.value


def _column(values: list[object]) -> pd.Series:
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if kinds == {int}:
        return pd.Series(values, dtype="Int64")
    if kinds and kinds <= {int, float}:
        return pd.Series([float(v) if isinstance(v, (int, float)) else None for v in values],
                         dtype="Float64")
    if kinds == {bool}:
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype="object")


def to_dataframe(result: SelectResult) -> pd.DataFrame:
    """Return a DataFrame with one column per variable and typed columns.

    Integer columns are nullable ``Int64``, numbers ``Float64``, booleans
    ``boolean``; text, IRIs and dates stay ``object``.
    """
    columns = {name: _column([term_value(row[i]) for row in result.rows])
               for i, name in enumerate(result.variables)}
    frame = pd.DataFrame(columns, columns=result.variables)
    frame.attrs["truncated"] = result.truncated
    return frame
