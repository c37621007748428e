"""Run the Examples sections of every public module's docstrings."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cikg

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(cikg.__path__, "cikg.")
    if not name.endswith(("__main__", ".cli"))
) + ["cikg.loaders", "cikg.queries", "cikg.ontology"]


def _submodules(package: str) -> list[str]:
    module = importlib.import_module(package)
    return [name for _, name, _ in pkgutil.walk_packages(module.__path__, package + ".")]


ALL = sorted(set(MODULES + _submodules("cikg.loaders") + _submodules("cikg.queries")
                 + _submodules("cikg.ontology")))


@pytest.mark.parametrize("name", ALL)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
