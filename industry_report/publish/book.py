"""The book's structure: which chapter and appendix files, in which order (report/_quarto.yml).

The one reader of a _quarto.yml's chapter list, used by the Snakemake rules (rules/common.smk),
the renderers (publish/rendering.py) and the review's base build (review/base.py).
The list is an input of the build: :func:`checked_chapter_files` refuses a listed chapter without
its file, a chapter file the list leaves out, and a chapter listed twice, naming the line of the
_quarto.yml, before any rule runs.
"""

from __future__ import annotations

from pathlib import Path

from industry_report.core.errors import ConfigError
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


def checked_chapter_files(quarto_yml: str | Path, chapter_dirs: dict) -> list[str]:
    """chapter_files(), after checking the list against each language's chapter folder.

    ``chapter_dirs``: {chapters folder: editors' messages of its language (publish/messages.py)}.
    Raises ConfigError with one '<_quarto.yml>:<line>: …' line per fault."""
    doc = parse_yaml(quarto_yml, "book")
    book = doc.data.get("book") if isinstance(doc.data, dict) else None
    if not isinstance(book, dict) or not isinstance(book.get("chapters"), list):
        raise ConfigError(f"{quarto_yml}:{doc.line('book')}: book.chapters must be a list of chapter files")
    listed = []  # (file, key path)
    for part in ("chapters", "appendices"):
        for i, f in enumerate(book.get(part) or []):
            listed.append((str(f), ("book", part, i)))
    problems = []
    for folder, messages in chapter_dirs.items():
        folder = Path(folder)
        seen = set()
        for f, keys in listed:
            if f in seen:
                problems.append((doc.line(*keys), messages("chapter_listed_twice", chapter=f)))
            seen.add(f)
            if not (folder / f).is_file():
                problems.append(
                    (doc.line(*keys), messages("chapter_listed_missing", chapter=f, folder=folder))
                )
        for path in sorted(folder.glob("*.qmd")):
            if path.name not in seen:
                problems.append(
                    (
                        doc.line("book", "chapters"),
                        messages("chapter_unlisted", chapter=path.name, folder=folder),
                    )
                )
    if problems:
        raise ConfigError("\n".join(f"{quarto_yml}:{line}: {msg}" for line, msg in dict.fromkeys(problems)))
    return [f for f, _ in listed]
