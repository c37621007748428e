"""Charts of briefings: matplotlib pictures (PNG bytes) drawn from section tables.

Charts only draw what a section computed: the market-size series (with the path the
stated CAGR implies), supplier counts by country, and share claims. Text in a chart is
untrusted (company names): ``$`` is escaped so that matplotlib never reads mathtext.
PNG files carry no creation date, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from .text import money, present

__all__ = ["Chart", "market_size_chart", "count_chart", "share_chart"]

_COLORS = {"actual": "#1f77b4", "forecast": "#9ecae1", "bar": "#4c72b0", "line": "#d62728"}


@dataclass(frozen=True)
class Chart:
    """A picture of a section: title, a plain-text description, PNG bytes."""

    title: str
    alt: str
    png: bytes


def _safe(label: object, length: int = 48) -> str:
    text = str(label)
    text = text if len(text) <= length else text[:length - 1] + "…"
    return text.replace("$", r"\$")


def _heading(title: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(_safe(title, 200), 64))


def _figure(width: float, height: float):  # noqa: ANN202
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def _png(figure) -> bytes:  # noqa: ANN001
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a label too long for tight layout
        figure.tight_layout()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def market_size_chart(series: pd.DataFrame, *, title: str, stated: dict | None = None
                      ) -> Chart:
    """Draw one market's sizes by year (actual and forecast) and the stated CAGR's path.

    Parameters
    ----------
    series : pandas.DataFrame
        ``year, kind, value`` (one currency), as the ``market-size`` query gives them.
    title : str
        The chart's title (the market's name).
    stated : dict, optional
        ``percent, start_year, start_value, end_year``: draws the path the stated CAGR
        implies from the start value, to show where it parts from the stated end value.

    Examples
    --------
    >>> frame = pd.DataFrame({"year": [2024, 2032], "kind": ["actual", "forecast"],
    ...                       "value": [782.4e6, 2.86e9]})
    >>> market_size_chart(frame, title="Anode").png[:4]
    b'\\x89PNG'
    """
    figure = _figure(6.4, 3.4)
    axes = figure.add_subplot()
    rows = series.sort_values("year")
    scale, word = _scale(rows["value"].max())
    colors = [_COLORS.get(str(k), _COLORS["bar"]) for k in rows["kind"]]
    axes.bar(rows["year"].astype(int), rows["value"].astype(float) / scale, color=colors,
             width=0.6)
    alt = [f"{int(y)}: {money(v, c)} ({k})" for y, v, k, c in
           zip(rows["year"], rows["value"], rows["kind"], rows.get("currency", ["USD"] * len(rows)),
               strict=False)]
    if stated and all(present(stated.get(k)) for k in ("percent", "start_year", "start_value",
                                                       "end_year")):
        years = list(range(int(stated["start_year"]), int(stated["end_year"]) + 1))
        rate = 1 + float(stated["percent"]) / 100
        values = [float(stated["start_value"]) * rate ** (y - years[0]) / scale for y in years]
        axes.plot(years, values, color=_COLORS["line"], linestyle="--",
                  label=f"stated CAGR {float(stated['percent']):g} % from {years[0]}")
        axes.legend(loc="upper left", fontsize=8)
        alt.append(f"dashed line: the stated CAGR of {float(stated['percent']):g} % a year "
                   f"from {years[0]}")
    axes.set_ylabel(word)
    axes.set_title(_heading(title), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return Chart(title, "; ".join(alt), _png(figure))


def _scale(maximum: object) -> tuple[float, str]:
    value = float(maximum) if present(maximum) else 0.0  # type: ignore[arg-type]
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            return size, word
    return 1.0, ""


def count_chart(counts: pd.DataFrame, *, title: str, label: str = "label",
                value: str = "count", unit: str = "companies") -> Chart:
    """Draw horizontal bars: one per row of *counts* (largest on top).

    Examples
    --------
    >>> frame = pd.DataFrame({"label": ["China", "Japan"], "count": [5, 2]})
    >>> count_chart(frame, title="Suppliers by country").alt
    'China: 5; Japan: 2 (companies)'
    """
    rows = counts.sort_values([value, label], ascending=[False, True]).head(20)
    figure = _figure(6.4, 0.5 + 0.32 * max(len(rows), 2))
    axes = figure.add_subplot()
    axes.barh([_safe(x) for x in rows[label]][::-1], rows[value].astype(float)[::-1],
              color=_COLORS["bar"])
    axes.set_xlabel(unit)
    axes.set_title(_heading(title), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    alt = "; ".join(f"{x}: {float(v):g}" for x, v in zip(rows[label], rows[value],
                                                         strict=True)) + f" ({unit})"
    return Chart(title, alt, _png(figure))


def share_chart(claims: pd.DataFrame, *, title: str) -> Chart:
    """Draw share claims: one bar per claim (``companies``, ``percent``), 0 to 100 %.

    Examples
    --------
    >>> frame = pd.DataFrame({"companies": ["BTR; Hina Battery"], "percent": [30.0]})
    >>> share_chart(frame, title="Share claims").alt
    'BTR; Hina Battery: 30 %'
    """
    figure = _figure(6.4, 0.6 + 0.4 * max(len(claims), 2))
    axes = figure.add_subplot()
    names = [_safe(x) for x in claims["companies"]]
    axes.barh(names[::-1], claims["percent"].astype(float)[::-1], color=_COLORS["bar"])
    axes.set_xlim(0, 100)
    axes.set_xlabel("percent of the market")
    axes.set_title(_heading(title), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    alt = "; ".join(f"{c}: {float(p):g} %" for c, p in zip(claims["companies"],
                                                            claims["percent"], strict=True))
    return Chart(title, alt, _png(figure))
