"""The query catalog: named SPARQL questions with typed parameters (``*.rq`` package data)."""

from .catalog import CatalogQuery, Param, bind, catalog, get_query

__all__ = ["CatalogQuery", "Param", "bind", "catalog", "get_query"]
