"""The query catalog: named SPARQL questions with typed parameters (``*.rq`` package data)."""

from .catalog import (
    CatalogQuery,
    Param,
    bind,
    catalog,
    catalog_table,
    example_params,
    get_query,
    run,
)

__all__ = ["CatalogQuery", "Param", "bind", "catalog", "catalog_table", "example_params",
           "get_query", "run"]
