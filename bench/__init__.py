"""Benchmarks of cikg against raw pyoxigraph and rdflib on seeded synthetic landscapes.

Run from the repository root::

    python -m bench                       # the 1M-triple scale
    python -m bench --scale 10k,100k,1M   # several scales, one run

:mod:`bench.generate` writes the data (TriG as cikg writes it, CSV tables with their
mappings), :mod:`bench.suite` measures one engine at one scale in a child process,
and :mod:`bench.__main__` runs them, prints the table of times and ratios and writes
the same as JSON to ``bench/results/``. See ``bench/README.md``.
"""
