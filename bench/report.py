"""Ratios, target checks and the printed table of one scale's results.

The figures of each engine come from :mod:`bench.suite`; :func:`summarize` adds the
ratios ``cikg/pyoxigraph`` (cikg's cost over the raw engine it runs on: 1.0 is free,
lower is better) and ``rdflib/cikg`` (how much faster cikg is than rdflib's memory
store: higher is better) and checks them against the targets of issue 9.

A catalog query that rdflib did not finish within its timeout counts as taking the
timeout, so ratios with rdflib are then lower bounds (printed with ``>=``).
"""

from __future__ import annotations

import statistics

__all__ = ["TARGETS", "summarize", "table"]

#: Raw pyoxigraph on the store cikg wrote (``python -m bench --same-store``).
SAME = "pyoxigraph-on-cikg"

#: Issue 9's targets at 1M triples.
TARGETS = {
    "load_cikg_vs_raw": 1.3,        # at most
    "catalog_cikg_vs_raw": 1.3,     # at most
    "load_rdflib_vs_cikg": 15.0,    # at least
    "catalog_rdflib_vs_cikg": 20.0,  # at least (median query)
    "peak_mb": 1024.0,              # at most, cikg
    "projection_s": 5.0,            # at most
}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _seconds(entry: dict | None, *, timeouts: bool) -> float | None:
    if not entry:
        return None
    if entry.get("status") == "ok" or (timeouts and entry.get("status") == "timeout"):
        return entry.get("median_s")
    return None


def _catalog_summary(results: dict) -> dict:
    catalogs = {e: results.get(e, {}).get("catalog", {}) for e in ("cikg", "pyoxigraph",
                                                                  "rdflib", SAME)}
    names = sorted(set().union(*catalogs.values()))
    rows = []
    for name in names:
        row: dict = {"query": name}
        for engine, catalog in catalogs.items():
            entry = catalog.get(name, {})
            row[engine] = _seconds(entry, timeouts=engine == "rdflib")
            row[f"{engine}_status"] = entry.get("status")
            row[f"{engine}_rows"] = entry.get("rows")
        row["cikg_vs_raw"] = _ratio(row["cikg"], row["pyoxigraph"])
        row["cikg_vs_same_store"] = _ratio(row["cikg"], row[SAME])
        row["rdflib_vs_cikg"] = _ratio(row["rdflib"], row["cikg"])
        counts = {row[f"{e}_rows"] for e in ("cikg", "pyoxigraph", "rdflib")
                  if row[f"{e}_rows"] is not None}
        row["rows_agree"] = len(counts) <= 1
        rows.append(row)
    both = [r for r in rows if r["cikg"] is not None and r["pyoxigraph"] is not None]
    three = [r for r in both if r["rdflib"] is not None]
    summary: dict = {"queries": len(names), "compared_cikg_raw": len(both),
                     "compared_rdflib": len(three),
                     "rdflib_timeouts": sum(r["rdflib_status"] == "timeout" for r in rows),
                     "row_count_mismatches": [r["query"] for r in rows if not r["rows_agree"]],
                     "per_query": rows}
    if both:
        cikg_total = sum(r["cikg"] for r in both)
        raw_total = sum(r["pyoxigraph"] for r in both)
        summary.update(
            cikg_total_s=round(cikg_total, 3), raw_total_s=round(raw_total, 3),
            cikg_median_s=round(statistics.median(r["cikg"] for r in both), 4),
            raw_median_s=round(statistics.median(r["pyoxigraph"] for r in both), 4),
            cikg_vs_raw_total=_ratio(cikg_total, raw_total),
            cikg_vs_raw_median_query=round(statistics.median(r["cikg_vs_raw"] for r in both
                                                             if r["cikg_vs_raw"]), 2),
            over_target=[r["query"] for r in both if (r["cikg_vs_raw"] or 0)
                         > TARGETS["catalog_cikg_vs_raw"] and r["cikg"] - r["pyoxigraph"]
                         > 0.005])
    same = [r for r in both if r[SAME] is not None]
    if same:
        summary.update(
            same_store_total_s=round(sum(r[SAME] for r in same), 3),
            cikg_vs_same_store_total=_ratio(sum(r["cikg"] for r in same),
                                            sum(r[SAME] for r in same)),
            cikg_vs_same_store_median_query=round(statistics.median(
                r["cikg_vs_same_store"] for r in same if r["cikg_vs_same_store"]), 2))
    if three:
        rdflib_median = statistics.median(r["rdflib"] for r in three)
        cikg_median = statistics.median(r["cikg"] for r in three)
        summary.update(
            rdflib_median_s=round(rdflib_median, 4),
            rdflib_vs_cikg_median=_ratio(rdflib_median, cikg_median),
            rdflib_vs_cikg_total=_ratio(sum(r["rdflib"] for r in three),
                                        sum(r["cikg"] for r in three)),
            rdflib_vs_cikg_median_query=round(statistics.median(
                r["rdflib_vs_cikg"] for r in three if r["rdflib_vs_cikg"]), 2),
            rdflib_lower_bound=any(r["rdflib_status"] == "timeout" for r in three))
    return summary


def summarize(results: dict) -> dict:
    """Return ratios and target checks of one scale's engine results."""
    load = {e: results.get(e, {}).get("load", {}) for e in ("cikg", "pyoxigraph", "rdflib")}
    out: dict = {
        "load_cikg_vs_raw": _ratio(load["cikg"].get("wall_s"), load["pyoxigraph"].get("wall_s")),
        "load_cikg_vs_raw_cpu": _ratio(load["cikg"].get("cpu_s"),
                                       load["pyoxigraph"].get("cpu_s")),
        "load_rdflib_vs_cikg": _ratio(load["rdflib"].get("wall_s"), load["cikg"].get("wall_s")),
        "load_rdflib_vs_cikg_cpu": _ratio(load["rdflib"].get("cpu_s"),
                                          load["cikg"].get("cpu_s")),
        "catalog": _catalog_summary(results),
    }
    catalog = out["catalog"]
    competition = results.get("cikg", {}).get("analytics", {}).get("competition", {})
    projection = competition.get("wall_s") if competition.get("status") == "ok" else None
    checks = {
        "load_cikg_vs_raw": (out["load_cikg_vs_raw"], "<=", TARGETS["load_cikg_vs_raw"]),
        "catalog_cikg_vs_raw": (catalog.get("cikg_vs_raw_total"), "<=",
                                TARGETS["catalog_cikg_vs_raw"]),
        "load_rdflib_vs_cikg": (out["load_rdflib_vs_cikg"], ">=",
                                TARGETS["load_rdflib_vs_cikg"]),
        "catalog_rdflib_vs_cikg": (catalog.get("rdflib_vs_cikg_median"), ">=",
                                   TARGETS["catalog_rdflib_vs_cikg"]),
        "peak_mb": (results.get("cikg", {}).get("peak_mb"), "<=", TARGETS["peak_mb"]),
        "projection_s": (projection, "<=", TARGETS["projection_s"]),
    }
    out["targets"] = {
        name: {"value": value, "target": f"{op} {limit:g}",
               "met": None if value is None else (value <= limit if op == "<=" else
                                                   value >= limit)}
        for name, (value, op, limit) in checks.items()}
    return out


def _fmt(value: object, unit: str = "", width: int = 10) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        text = f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
        return (text + unit).rjust(width)
    return (f"{value:,}" if isinstance(value, int) else str(value)).rjust(width)


def table(result: dict) -> str:
    """Return the printed report of one scale: absolute figures, ratios, targets."""
    engines = result["engines"]
    summary = result["summary"]
    data = result["data"]
    lines = [f"cikg bench, {result['scale']} ({data['quads']:,} quads, {data['graphs']:,} "
             f"graphs, {data['companies']:,} companies, {data['reports']} reports), "
             f"{result['machine']['cpus']} CPUs, load average {result['machine']['loadavg']}",
             ""]
    head = f"{'':34}{'cikg':>10}{'pyoxigraph':>11}{'rdflib':>10}{'cikg/raw':>10}{'rdflib/cikg':>12}"
    lines.append(head)

    def row(label: str, key: str, sub: str = "load", unit: str = "") -> None:
        values = [engines.get(e, {}).get(sub, {}).get(key) for e in ("cikg", "pyoxigraph",
                                                                    "rdflib")]
        lines.append(f"{label:34}{_fmt(values[0], unit)}{_fmt(values[1], unit, 11)}"
                     f"{_fmt(values[2], unit)}{_fmt(_ratio(values[0], values[1]))}"
                     f"{_fmt(_ratio(values[2], values[0]), width=12)}")

    row("load, wall s", "wall_s")
    row("load, CPU s", "cpu_s")
    row("load, peak MB", "peak_mb")
    catalog = summary["catalog"]
    bound = ">=" if catalog.get("rdflib_lower_bound") else ""
    lines.append(f"{'catalog, median query s':34}{_fmt(catalog.get('cikg_median_s'))}"
                 f"{_fmt(catalog.get('raw_median_s'), width=11)}"
                 f"{_fmt(catalog.get('rdflib_median_s'))}"
                 f"{_fmt(_ratio(catalog.get('cikg_median_s'), catalog.get('raw_median_s')))}"
                 f"{(bound + str(catalog.get('rdflib_vs_cikg_median', '-'))).rjust(12)}")
    lines.append(f"{'catalog, total s (cikg & raw)':34}{_fmt(catalog.get('cikg_total_s'))}"
                 f"{_fmt(catalog.get('raw_total_s'), width=11)}{'':10}"
                 f"{_fmt(catalog.get('cikg_vs_raw_total'))}")
    peaks = [engines.get(e, {}).get("peak_mb") for e in ("cikg", "pyoxigraph", "rdflib")]
    lines.append(f"{'peak MB, whole process':34}{_fmt(peaks[0])}{_fmt(peaks[1], width=11)}"
                 f"{_fmt(peaks[2])}")
    catalog_peak = engines.get("cikg", {}).get("catalog_peak_mb", "-")
    lines.append("(cikg: load, analyses and view; the catalog runs cikg and raw pyoxigraph "
                 f"alternately in one process, peak {catalog_peak} MB; rdflib: parse and "
                 "catalog)")
    lines.append(f"catalog: {catalog['queries']} queries, {catalog['compared_cikg_raw']} on "
                 f"cikg and raw, {catalog['compared_rdflib']} on all three, "
                 f"{catalog['rdflib_timeouts']} rdflib timeouts "
                 f"({engines.get('rdflib', {}).get('timeout_s', '-')} s); median per-query "
                 f"ratio cikg/raw {catalog.get('cikg_vs_raw_median_query', '-')}, "
                 f"rdflib/cikg {bound}{catalog.get('rdflib_vs_cikg_median_query', '-')}")
    if catalog.get("same_store_total_s") is not None:
        lines.append(f"raw pyoxigraph on cikg's store: catalog total "
                     f"{catalog['same_store_total_s']} s; cikg/that "
                     f"{catalog['cikg_vs_same_store_total']} (total), "
                     f"{catalog['cikg_vs_same_store_median_query']} (median query): cikg's "
                     "own query overhead, apart from what its store holds more")
    if catalog["row_count_mismatches"]:
        lines.append(f"row counts differ between engines: "
                     f"{', '.join(catalog['row_count_mismatches'])}")
    lines += ["", f"{'query':36}{'rows':>8}{'cikg ms':>10}{'raw ms':>10}{'rdflib ms':>11}"
                  f"{'cikg/raw':>10}{'rdflib/cikg':>12}"]
    for q in catalog["per_query"]:
        def ms(engine: str, q: dict = q) -> str:
            if q[engine] is None:
                return (q[f"{engine}_status"] or "-")[:9].rjust(10)
            prefix = ">=" if q[f"{engine}_status"] == "timeout" else ""
            return (prefix + f"{q[engine] * 1000:,.1f}").rjust(10)
        rows = "" if q["rows_agree"] else (f"  rows: raw {q['pyoxigraph_rows']}, "
                                           f"rdflib {q['rdflib_rows']}")
        same = "" if q[SAME] is None else f"  raw on cikg's store {q[SAME] * 1000:,.1f} ms"
        lines.append(f"{q['query'][:35]:36}{_fmt(q['cikg_rows'], width=8)}{ms('cikg')}"
                     f"{ms('pyoxigraph')}{ms('rdflib'):>11}{_fmt(q['cikg_vs_raw'])}"
                     f"{_fmt(q['rdflib_vs_cikg'], width=12)}{same}{rows}")
    lines.append("")
    analytics = engines.get("cikg", {}).get("analytics", {})
    for name in ("competition", "centrality", "communities"):
        lines.append(f"kg.analyze({name!r}): {_describe(analytics.get(name, {}))}")
    lines.append(f"view render: {_describe(analytics.get('view', {}))}")
    csv, reports = engines.get("csv", {}), engines.get("reports", {})
    if csv:
        lines.append(f"CSV load ({_fmt(csv.get('rows'), width=0)} rows, "
                     f"{_fmt(csv.get('quads'), width=0)} quads): {csv.get('wall_s')} s, "
                     f"{_fmt(csv.get('rows_per_s'), width=0)} rows/s, "
                     f"peak {csv.get('peak_mb')} MB")
    if reports:
        lines.append(f"reports parsed: {reports.get('reports_per_s')} per second "
                     f"({reports.get('report')}, {reports.get('bytes'):,} bytes)")
    for extra in ("views_bench", "analytics_bench"):
        if extra in result:
            lines.append(f"{extra}: {_describe(result[extra])}")
            rows = result[extra].get("result")
            for row in rows if isinstance(rows, list) else []:
                lines.append("  " + ", ".join(f"{k}={v}" for k, v in row.items()
                                              if v not in (None, "")))
    lines += ["", f"targets (issue 9, at 1M triples; load cikg/raw in CPU time: "
                  f"{summary.get('load_cikg_vs_raw_cpu')}):"]
    for name, check in summary["targets"].items():
        verdict = {True: "met", False: "MISSED", None: "not measured"}[check["met"]]
        lines.append(f"  {name:26} {_fmt(check['value'], width=8)}  {check['target']:>8}  "
                     f"{verdict}")
    return "\n".join(lines)


def _describe(entry: dict) -> str:
    if not entry:
        return "not run"
    if entry.get("status") not in (None, "ok"):
        return f"{entry.get('status')}: {entry.get('reason') or entry.get('error', '')}"
    return ", ".join(f"{k}={v}" for k, v in entry.items()
                     if k not in ("status", "trace") and not isinstance(v, (dict, list)))
