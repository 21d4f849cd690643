"""The book's structure: which chapter and appendix files, in which order (report/_quarto.yml).

The one reader of a _quarto.yml's chapter list, used by the Snakemake rules (rules/common.smk),
the renderers (publish/rendering.py) and the review's base build (scripts/review_base.py).
"""

from __future__ import annotations

from pathlib import Path

from industry_report.core.yaml_input import parse_yaml


def book_structure(quarto_yml: str | Path) -> dict:
    """Chapters and appendices (file names, in order) and the book metadata of a _quarto.yml."""
    doc = parse_yaml(quarto_yml, "book configuration")
    data = doc.data
    book = data.get("book") if isinstance(data, dict) else None
    if not isinstance(book, dict):
        raise doc.error(["book"], "expected a mapping 'book' with the lists 'chapters' and 'appendices'")
    for key in ("chapters", "appendices"):
        items = book.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise doc.error(["book", key], "expected a list of chapter file names")
    meta = {k: v for k, v in data.items() if isinstance(v, (str, int, float))}
    meta.update({k: v for k, v in book.items() if k not in ("chapters", "appendices")})
    return {
        "chapters": list(book.get("chapters", [])),
        "appendices": list(book.get("appendices", [])),
        "book": meta,
    }


def chapter_files(quarto_yml: str | Path) -> list[str]:
    """Chapter files, then appendix files, in the order the _quarto.yml gives them."""
    s = book_structure(quarto_yml)
    return s["chapters"] + s["appendices"]
