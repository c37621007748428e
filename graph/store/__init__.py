"""Store backends behind one protocol, chosen by a spec.

========================  ==============================================
spec                      backend
========================  ==============================================
``oxigraph:PATH``         embedded Oxigraph on disk (the default)
``memory:``               rdflib ``Dataset`` in memory
``http(s)://...``         a SPARQL 1.1 Protocol server
========================  ==============================================
"""

from __future__ import annotations

import os

from ..errors import StoreError
from .base import QUERY_TIMEOUT, RESULT_CAP, QueryResult, SelectResult, Store, query_form

__all__ = ["open_store", "default_spec", "Store", "SelectResult", "QueryResult",
           "QUERY_TIMEOUT", "RESULT_CAP", "query_form"]

DEFAULT_PATH = "cikg-data"


def default_spec() -> str:
    """Return the store spec of ``CIKG_STORE``, or ``oxigraph:./cikg-data``."""
    return os.environ.get("CIKG_STORE") or f"oxigraph:{DEFAULT_PATH}"


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store a spec names.

    Parameters
    ----------
    spec : str, optional
        ``oxigraph:PATH``, ``memory:`` or an ``http(s)://`` query endpoint;
        default :func:`default_spec`.
    read_only : bool
        Open an on-disk store without taking its writer lock.

    Raises
    ------
    StoreError
        For an unknown spec or a store that cannot be opened.

    Examples
    --------
    >>> store = open_store("memory:")
    >>> store.query("ASK { ?s ?p ?o }")
    False
    """
    spec = spec or default_spec()
    kind, _, rest = spec.partition(":")
    if kind == "oxigraph":
        from .oxigraph import OxigraphStore
        return OxigraphStore(rest or DEFAULT_PATH, read_only=read_only)
    if kind == "memory" and not rest:
        from .memory import MemoryStore
        return MemoryStore()
    if kind in ("http", "https"):
        from .remote import RemoteStore
        return RemoteStore(spec)
    raise StoreError(f"unknown store spec {spec!r}: use oxigraph:PATH, memory: or an "
                     "http(s):// SPARQL endpoint")
