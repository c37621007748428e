"""cikg: a competitive-intelligence knowledge graph.

>>> import cikg
>>> kg = cikg.open("memory:")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import KnowledgeGraph, open

__all__ = ["open", "KnowledgeGraph", "__version__"]

try:
    __version__ = version("cikg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    # the API pulls in pandas and the loaders; import it only when it is used
    if name in ("open", "KnowledgeGraph"):
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'cikg' has no attribute {name!r}")
