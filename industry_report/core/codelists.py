"""Code lists every stage shares: size classes, manufacturing divisions, life-cycle stages.

One definition each: ``config/size_classes.yaml`` (small, medium, large, in display order, and the
word for their total), ``config/divisions.yaml`` (ОКЭД divisions 10-33 with their official and short
names in Kazakh and Russian) and ``config/lifecycle.yaml`` (the life-cycle stages of an enterprise,
shared by the IDI questionnaire and the enterprise survey). Region codes and their history are in
:mod:`industry_report.core.regions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from industry_report.core.errors import InputError
from industry_report.core.yaml_input import load_yaml

CONFIG = Path(__file__).resolve().parents[2] / "config"
SIZES_FILE = CONFIG / "size_classes.yaml"
DIVISIONS_FILE = CONFIG / "divisions.yaml"
LIFECYCLE_FILE = CONFIG / "lifecycle.yaml"

# The size-class codes, in display order. Fixed by the Order (Appendix 1 has these three columns);
# config/size_classes.yaml gives their names and must list exactly these.
SIZES = ("small", "medium", "large")


@dataclass(frozen=True)
class CodeList:
    """Codes in display order with their names by field (``name_kk``, ``short_ru`` ...)."""

    codes: tuple[str, ...]
    fields: dict[str, dict[str, str]]  # field -> code -> text
    total: dict[str, str] = field(default_factory=dict)  # field -> the word for all codes together

    def names(self, field: str) -> dict[str, str]:
        return dict(self.fields[field])

    def name(self, code: str, field: str) -> str:
        return self.fields[field][str(code)]


def _code_list(doc, key: str, total: dict | None = None) -> CodeList:
    entries = doc.data[key]
    codes = tuple(str(e["id"]) for e in entries)
    seen = set()
    for i, c in enumerate(codes):
        if c in seen:
            raise doc.error([key, i, "id"], f"the code {c!r} is listed twice")
        seen.add(c)
    fields = {f: {str(e["id"]): e[f] for e in entries} for f in entries[0] if f != "id"}
    return CodeList(codes, fields, dict(total or {}))


def load_sizes(path: str | Path = SIZES_FILE) -> CodeList:
    doc = load_yaml(path, "size_classes", "size classes")
    sizes = _code_list(doc, "sizes", doc.data["total"])
    if sizes.codes != SIZES:
        raise InputError(
            path,
            f"expected the size classes {', '.join(SIZES)} in this order, found {', '.join(sizes.codes)}",
        )
    return sizes


def size_labels(sizes: CodeList, field: str = "name_kk") -> dict:
    """Size-class names and the total's, as they begin a table cell or head a chart column
    (first letter upper case): code -> name, in display order, then "total"."""
    names = {**sizes.names(field), "total": sizes.total[field]}
    return {k: v[:1].upper() + v[1:] for k, v in names.items()}


def load_divisions(path: str | Path = DIVISIONS_FILE) -> CodeList:
    return _code_list(load_yaml(path, "divisions"), "divisions")


def load_lifecycle(path: str | Path = LIFECYCLE_FILE) -> list[dict]:
    """The life-cycle stages in order, each a mapping id, name_kk, name_ru, name_en."""
    doc = load_yaml(path, "lifecycle", "life-cycle stages")
    _code_list(doc, "stages")  # ids unique
    return doc.data["stages"]
