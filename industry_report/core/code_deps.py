"""Which source files a build step's computation depends on, found from its imports.

A rule's code inputs must be exactly the modules its entry script imports, directly or through
other modules of the package, so that editing any of them reruns the rule and nothing else. They
are found statically (``ast``): every ``import`` and ``from … import`` of ``industry_report`` in
the entry script, followed transitively, including imports inside functions, plus the
``__init__.py`` of every package on the way (Python runs them on import). The JSON Schemas those
modules validate YAML inputs with (``load_yaml(path, "<name>")`` ->
``config/schemas/<name>.schema.yaml``) are code too: a changed schema reruns the rules that use it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = "industry_report"


def _module_file(root: Path, dotted: str) -> Path | None:
    base = root.joinpath(*dotted.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _dotted_of(root: Path, file: Path) -> str:
    rel = file.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imported(root: Path, file: Path) -> set[str]:
    """Dotted names of the package's modules that ``file`` imports."""
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    here = _dotted_of(root, file) if file.is_relative_to(root / PACKAGE) else ""
    is_pkg = file.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base if is_pkg else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != PACKAGE:
                continue
            names.add(mod)
            names.update(f"{mod}.{a.name}" for a in node.names)  # a submodule, if it is one
    return names


SCHEMA_DIR = ("config", "schemas")


def _schemas(root: Path, file: Path) -> set[Path]:
    """Schema files named by literal ``load_yaml(path, "<name>", ...)`` calls in ``file``."""
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    out = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        arg = node.args[1]
        if name == "load_yaml" and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            schema = root.joinpath(*SCHEMA_DIR, f"{arg.value}.schema.yaml")
            if schema.is_file():
                out.add(schema)
    return out


@cache
def _closure(root: Path, script: Path) -> tuple[str, ...]:
    seen: set[Path] = set()
    todo = [script]
    while todo:
        f = todo.pop()
        for dotted in _imported(root, f):
            parts = dotted.split(".")
            for i in range(1, len(parts) + 1):  # every package __init__ on the way, and the module
                m = _module_file(root, ".".join(parts[:i]))
                if m is not None and m not in seen:
                    seen.add(m)
                    todo.append(m)
    schemas = set().union(*(_schemas(root, f) for f in seen | {script}))
    return tuple(sorted(str(p.relative_to(root)) for p in seen | schemas))


def code_files(script: str | Path, root: str | Path = ".") -> list[str]:
    """The package files (relative to ``root``) that the entry script ``script`` imports."""
    root = Path(root).resolve()
    script = (root / script).resolve()
    return list(_closure(root, script))
