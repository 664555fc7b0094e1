"""The package reads in one direction: no import cycle, each feature importing only the features
below it, no feature taking another's private names, and a pure extraction.

Every import statement counts, at the top of a module, inside a function (a dependency too, only
a later one) or under `if TYPE_CHECKING:` (the classes of typed relationships): relationships
point down the features only (a claim has its article, its evidence; an article's claims and a
source's claims are queries), so the tables' modules read in one direction too.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).parent
# Bottom to top: a feature's modules import only the features before it (any feature's
# models.py aside: the tables are one schema, below every feature).
FEATURES = (
    "auth",
    "sources",
    "articles",
    "notifications",
    "memory",
    "claims",
    "claimreview",
    "reports",
    "publishing",
)


@cache
def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name); not the
    migrations, which alembic loads by path."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


@cache
def _imports(module: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(imported module, names taken) for every import statement run by `module`."""
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: from the module's package up
                package = module.split(".")
                if _modules()[module].name != "__init__.py":
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                source = ".".join([*package, source] if source else package)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in _modules():
                    out.append((submodule, ()))
                else:
                    out.append((source, (alias.name,)))
    return tuple(out)


def _edges(module: str) -> set[str]:
    """The package's modules that `module` imports."""
    out = set()
    for target, _names in _imports(module):
        while target and target not in _modules():
            target = target.rpartition(".")[0]
        if target and target != module:
            out.add(target)
    return out


def _feature(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in FEATURES and parts[-1] != "models":
        return parts[1]
    return None


def test_the_package_has_no_import_cycle():
    graph = {module: _edges(module) for module in _modules()}
    # Tarjan's strongly connected components: a component of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    assert cycles == []


def test_each_feature_imports_only_the_features_below_it():
    wrong = []
    for module in _modules():
        feature = _feature(module)
        if feature is None:
            continue
        below = FEATURES[: FEATURES.index(feature) + 1]
        for target in _edges(module):
            other = _feature(target)
            if other is not None and other not in below:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_module_takes_another_features_private_names():
    taken = []
    for module in _modules():
        for target, names in _imports(module):
            if (
                not target.startswith("factcheck.")
                or target.split(".")[:2] == module.split(".")[:2]
            ):
                continue
            taken += [f"{module}: {target}.{name}" for name in names if name.startswith("_")]
    assert taken == []


def test_extraction_imports_neither_flask_nor_sqlalchemy():
    """Not itself, nor through the package's modules it imports."""
    seen: set[str] = set()
    todo = [m for m in _modules() if m.startswith("factcheck.extraction")]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _edges(module)
    external = {target.split(".")[0] for module in seen for target, _ in _imports(module)}
    assert not external & {"flask", "flask_wtf", "sqlalchemy", "alembic", "werkzeug"}
