"""The book's structure: which chapter and appendix files, in which order (report/_quarto.yml).

The one reader of a _quarto.yml's chapter list, used by the Snakemake rules (rules/common.smk),
the renderers (publish/rendering.py) and the review's base build (scripts/review_base.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml


def book_structure(quarto_yml: str | Path) -> dict:
    """Chapters and appendices (file names, in order) and the book metadata of a _quarto.yml."""
    data = yaml.safe_load(Path(quarto_yml).read_text(encoding="utf-8"))
    book = data.get("book", {})
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
