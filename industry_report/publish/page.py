"""Page geometry (report/page.yml): paper, margins and the text widths derived from them.

One definition read by the DOCX reference document (publish/reference_docx.py), the PDF template
(passed to pandoc's typst template as variables, see :meth:`Page.typst_variables`) and the table
layout (publish/table_layout.py), so the two documents have the same margins and tables are laid
out for the width they are printed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from industry_report.core.yaml_input import load_yaml

PT_PER_CM = 72 / 2.54


@dataclass(frozen=True)
class Page:
    paper: str
    width_cm: float
    height_cm: float
    left_cm: float
    right_cm: float
    top_cm: float
    bottom_cm: float
    footer_cm: float

    @property
    def text_width_cm(self) -> float:
        return self.width_cm - self.left_cm - self.right_cm

    @property
    def text_width_pt(self) -> float:
        return self.text_width_cm * PT_PER_CM

    @property
    def landscape_text_width_pt(self) -> float:
        """Text width of a turned page: it keeps its left and right margins (typst's ``flipped``)."""
        return (self.height_cm - self.left_cm - self.right_cm) * PT_PER_CM

    def typst_variables(self) -> dict[str, str]:
        """Variables of report/typst/national-report.typ (pandoc ``-V name=value``)."""
        return {
            "paper": self.paper,
            "margin-left": f"{self.left_cm}cm",
            "margin-right": f"{self.right_cm}cm",
            "margin-top": f"{self.top_cm}cm",
            "margin-bottom": f"{self.bottom_cm}cm",
        }

    def quarto_margin(self) -> dict[str, str]:
        """The ``margin`` option of Quarto's typst format."""
        return {
            "left": f"{self.left_cm}cm",
            "right": f"{self.right_cm}cm",
            "top": f"{self.top_cm}cm",
            "bottom": f"{self.bottom_cm}cm",
        }


def load_page(path: str | Path) -> Page:
    doc = load_yaml(path, "page", "page geometry")
    d, m = doc.data, doc.data["margins_cm"]
    page = Page(
        d["paper"],
        float(d["width_cm"]),
        float(d["height_cm"]),
        float(m["left"]),
        float(m["right"]),
        float(m["top"]),
        float(m["bottom"]),
        float(d["footer_cm"]),
    )
    if page.text_width_cm <= 0:
        raise doc.error(
            ["margins_cm"],
            f"the left and right margins leave no text width on a {page.width_cm} cm wide page",
        )
    return page
