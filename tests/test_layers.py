"""The package's folders are its layers, and imports only go down them (docs/architecture.md).

Every import of every module is read (those inside functions too: a lazy import is a dependency all the same),
mapped to the layer of what it imports, and checked: no module imports a layer above its own, and no modules import
each other round in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "suqian_report"

# Bottom to top.  A folder is a layer; the top-level modules are named one by one.
LAYERS = [
    ("rules",),
    ("core",),
    ("read",),
    ("repair",),
    ("segment",),
    ("check",),
    ("extractors",),
    ("stages",),
    ("write",),
    ("corpus",),
    ("cli",),
    ("__init__", "__main__", "pipeline", "model", "dask", "entry"),  # the package's face: the API, old import paths
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """``suqian_report.read.load`` → ``read``; ``suqian_report`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[str, int]]:
    """(the module imported, line) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # from . import rows: a module, or a name of the package (from .. import __version__)
            names = [f"{target}.{a.name}" for a in node.names] if node.module is None else [target]
            for t in names:
                if t.split(".")[0] == "suqian_report":
                    out.append((_existing(t), node.lineno))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "suqian_report":
                    out.append((_existing(a.name), node.lineno))
    return out


def _existing(module: str) -> str:
    """The module itself, or the package a name was imported from (``from . import __version__``)."""
    parts = module.split(".")
    while parts:
        candidate = PACKAGE.parent.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return module


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    assert not [m for m in MODULES if layer(module_name(m)) not in RANK]


def test_imports_only_go_down():
    upward = []
    for path in MODULES:
        source = module_name(path)
        for target, line in imports(path):
            if RANK[layer(target)] > RANK[layer(source)]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert not upward, "\n".join(upward)


def test_no_modules_import_each_other_in_a_circle():
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        source = module_name(path)
        graph[source] = {t for t, _line in imports(path) if t != source}
    # a package's __init__ is imported by every module inside it: only an import the other way round is a tie
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    seen: dict[str, int] = {}  # 1: on the path, 2: done
    circles = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if seen.get(nxt) == 1:
                circles.append(
                    " -> ".join(path[path.index(nxt) :] + [node, nxt]) if nxt in path else f"{node} -> {nxt}"
                )
            elif nxt not in seen:
                visit(nxt, path + [node])
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [])
    assert not circles, "\n".join(circles)


def test_the_public_names_and_old_import_paths_still_work():
    import suqian_report
    from suqian_report import (  # noqa: F401
        Check,
        Figure,
        InputError,
        Metadata,
        Report,
        extract,
        extract_file,
        extract_many,
        to_frame,
    )
    from suqian_report.cli import main as cli_main
    from suqian_report.dask import extract_bag, to_parquet  # noqa: F401
    from suqian_report.entry import main as entry_main
    from suqian_report.model import Figure as OldFigure
    from suqian_report.model import Report as OldReport
    from suqian_report.pipeline import extract as old_extract
    from suqian_report.pipeline import extract_many as old_many

    assert (OldReport, OldFigure) == (Report, Figure)
    assert old_extract is extract and old_many is extract_many
    assert cli_main is entry_main
    assert suqian_report.extract is extract and callable(extract)
