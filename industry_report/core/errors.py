"""Errors that reach the user as one clear message, never as a traceback.

Every validation raises :class:`InputError` naming the file, the row and the column and saying what
was expected. Entry scripts run inside :func:`industry_report.core.step.step`, which prints the
message, keeps it in the rule's log and exits non-zero, so Snakemake removes the rule's outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One fault in one place of an input file."""

    row: int | None  # 1-based line in the file (header = line 1); None for file-level faults
    column: str | None
    message: str  # what was expected and what was found
    row_word: str = "row"  # "line" for YAML and text files
    column_word: str = "column"  # "key" (a key path) for YAML files

    def where(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"{self.row_word} {self.row}")
        if self.column is not None:
            parts.append(f"{self.column_word} '{self.column}'")
        return ", ".join(parts)


class InputError(Exception):
    """Bad input: names the file and every faulty (row, column) with what was expected."""

    max_listed = 20

    def __init__(
        self,
        file: str | Path,
        problems: list[Problem] | str,
        row: int | None = None,
        column: str | None = None,
        title: str | None = None,
    ):
        if isinstance(problems, str):
            problems = [Problem(row, column, problems)]
        self.file = str(file)
        self.problems = problems
        self.title = title  # the first line in the reader's language (editors' files), if not English
        super().__init__(self.render())

    def render(self) -> str:
        lines = [self.title or f"Invalid input file {self.file}:"]
        for p in self.problems[: self.max_listed]:
            where = p.where()
            lines.append(f"  - {where + ': ' if where else ''}{p.message}")
        extra = len(self.problems) - self.max_listed
        if extra > 0:
            lines.append(f"  ... and {extra} more problem(s)")
        return "\n".join(lines)


class ConfigError(Exception):
    """A configuration key is missing, misspelt or out of range."""


class TemplateError(Exception):
    """A chapter template cannot be rendered (undefined value, bad syntax); names chapter and line."""


class RenderError(Exception):
    """pandoc, typst or quarto failed; carries their own message (e.g. an unknown cross-reference)."""
