"""Loaders: sources (reports, tables, RDF) into records, then into source and assertion graphs.

:func:`load_source` picks the loader by file type; every loader returns a
:class:`~cikg.loaders.provenance.SourceGraphs` and writes nothing: the build
pipeline writes all sources in one store transaction.
"""

from __future__ import annotations

from pathlib import Path

from cikg.errors import LoadError

from .provenance import SourceDescription, SourceGraphs
from .resolve import Resolver

__all__ = ["REPORT_SUFFIXES", "TABLE_SUFFIXES", "load_source", "find_sources",
           "SourceGraphs", "SourceDescription"]

REPORT_SUFFIXES = (".txt", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")


def _rdf_suffixes() -> tuple[str, ...]:
    from .rdf import RDF_FORMATS
    return tuple(RDF_FORMATS)


def load_source(path: str | Path, *, key: str | None = None,
                resolver: Resolver | None = None) -> SourceGraphs:
    """Load one source file with the loader its type calls for.

    Parameters
    ----------
    path : str or Path
        A report (``.txt``, ``.html``), a table (``.csv``, ``.xlsx``, ``.parquet`` with a
        mapping file ``STEM.toml`` beside it) or an RDF file (``.ttl``, ``.trig``, ...).
    key : str, optional
        The source's identity across reloads; default the file name.
    resolver : Resolver, optional
        Resolves company names against companies already known (other sources).

    Raises
    ------
    LoadError
        When the file is missing, of an unknown type, or does not parse.
    """
    path = Path(path)
    if not path.is_file():
        raise LoadError(str(path), "no such file" if not path.exists() else "not a file")
    suffix = path.suffix.lower()
    if suffix in REPORT_SUFFIXES:
        from .report_rdf import load_report
        return load_report(path, key=key, resolver=resolver)
    if suffix in TABLE_SUFFIXES:
        from .tables import load_table
        return load_table(path, key=key, resolver=resolver)
    if suffix in _rdf_suffixes():
        from .rdf import load_rdf
        return load_rdf(path, key=key)
    raise LoadError(str(path), f"unknown source type {suffix!r}: reports are "
                    f"{'/'.join(REPORT_SUFFIXES)}, tables {'/'.join(TABLE_SUFFIXES)}, "
                    f"RDF {'/'.join(_rdf_suffixes())}")


def find_sources(paths: list[Path]) -> list[Path]:
    """Expand directories into the source files they hold; keep files as given.

    Mapping files (``.toml``) and notes (``.md``, ``.json``) in a directory are not
    sources. Files come reports first, then tables, then RDF, each by name: the first
    spelling of a company becomes its label, so reports name companies, and the
    longer names of tables become aliases.
    """
    kinds = (REPORT_SUFFIXES, TABLE_SUFFIXES, _rdf_suffixes())
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.iterdir()
                      if p.is_file() and any(p.suffix.lower() in k for k in kinds)]
        else:
            found.append(path)
    rank = {suffix: i for i, group in enumerate(kinds) for suffix in group}
    return sorted(dict.fromkeys(found), key=lambda p: (rank.get(p.suffix.lower(), 3), p.name))
