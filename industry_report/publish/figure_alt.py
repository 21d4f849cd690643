"""The alternative text a chart carries: publish/chart_style.save stores it in the PNG (and SVG)
as their Description; the documents read it from there (publish/rendering.py for the PDF,
publish/docx_post.py for the DOCX), so it travels with the figure file to either engine."""

from __future__ import annotations

import io
from pathlib import Path


def read_alt(png: str | Path | bytes) -> str | None:
    """The Description text chunk of a PNG, or None."""
    from PIL import Image

    data = png if isinstance(png, bytes) else Path(png).read_bytes()
    with Image.open(io.BytesIO(data)) as im:
        alt = im.info.get("Description")
    return alt or None
