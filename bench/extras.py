"""The other rooms' benchmark modules, run by ``python -m bench`` when they are there.

``python -m bench.extras NAME MANIFEST OUT.json`` imports ``bench.NAME`` and either
calls its ``run`` with the arguments of its signature that this scale can give
(``manifest``, ``trig``, ``sizes``, ``companies``, ``seed``, ``out_dir``, ``repeat``), or,
for a module driven by ``main(argv)``, calls that with the arguments of :data:`MAIN_ARGS`;
then it writes what came back as JSON. A module that is missing or fails is recorded,
not fatal.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .suite import peak_mb

__all__ = ["main"]

#: Largest landscape the views benchmark draws (its own default sizes top out here).
MAX_VIEW_NODES = 20_000
#: Hub nodes a landscape adds to its companies (countries, regions, materials, ...).
HUB_NODES = 121


def _arguments(run, manifest: dict, out_dir: Path) -> dict:  # noqa: ANN001
    nodes = min(MAX_VIEW_NODES, manifest["companies"] + HUB_NODES)
    offer = {"manifest": manifest, "trig": manifest["trig"], "sizes": (nodes,),
             "companies": manifest["companies"], "seed": 0, "out_dir": out_dir, "repeat": 1}
    parameters = inspect.signature(run).parameters
    return {name: value for name, value in offer.items() if name in parameters}


def _analytics_argv(manifest: dict, tmp: Path) -> list[str]:
    # bench_analytics generates its landscape as generate(triples, WORKDIR/landscape-T):
    # a link to this scale's data set makes that a cache hit
    from .generate import scale_label

    label = scale_label(manifest["triples"])
    if manifest.get("seed") == 7:  # the seed bench_analytics generates with
        (tmp / f"landscape-{label}").symlink_to(Path(manifest["directory"]).resolve())
    return ["--sizes", str(manifest["companies"]), "--triples", label, "--workdir", str(tmp),
            "--naive-timeout", "30", "--out", str(tmp / "figures.csv")]


#: Arguments of the modules driven by ``main(argv)``, and the CSV file they write.
MAIN_ARGS = {"bench_analytics": (_analytics_argv, "figures.csv")}


def _call_main(name: str, module, manifest: dict, tmp: Path) -> object:  # noqa: ANN001
    argv_for, figures = MAIN_ARGS[name]
    code = module.main(argv_for(manifest, tmp))
    if code:
        raise RuntimeError(f"{name}.main exited with {code}")
    with (tmp / figures).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> int:
    """Run one extra module (see the module docstring)."""
    name, manifest_path, out = (argv or sys.argv[1:])[:3]
    manifest = json.loads(Path(manifest_path).read_text())
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "run_on_manifest", None) or getattr(module, "run", None)
        with tempfile.TemporaryDirectory(prefix=f"cikg-bench-{name}-") as tmp:
            if run is not None:
                value = run(**_arguments(run, manifest, Path(tmp)))
            elif name in MAIN_ARGS:
                value = _call_main(name, module, manifest, Path(tmp))
            else:
                raise RuntimeError(f"bench.{name} has neither run() nor a known main()")
        result = {"status": "ok", "result": value}
    except Exception as exc:  # noqa: BLE001 - recorded for the report
        result = {"status": "error", "error": " ".join(str(exc).split())[:300],
                  "trace": traceback.format_exc(limit=4)}
    result.update(seconds=round(time.perf_counter() - started, 2), peak_mb=peak_mb())
    Path(out).write_text(json.dumps(result, indent=1, default=str) + "\n")
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
