"""The emblem or logo on the title page (``publication.emblem`` in config/config.yaml): optional, a
PNG or SVG file. No emblem is the default: the repository holds no official image, and none is drawn.

:func:`check_emblem` is the configuration check (the file exists and is a PNG or an SVG by its
content, not only its name); the PDF prints the file itself (typst reads both kinds), the DOCX a
PNG (an SVG is rasterised by typst, so Word and LibreOffice show it without SVG support) placed
above the title by :func:`insert_docx_emblem`.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

KEY = "publication.emblem"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EMBLEM_NAME = "title-emblem"  # its file name in typst's root (the template's `title-emblem` call)
HEIGHT_CM = 3.0  # the emblem's printed height in both documents
_EMU_PER_CM = 360000


def emblem_kind(data: bytes) -> str | None:
    """``"png"`` or ``"svg"`` from the file's content; None for anything else."""
    if data.startswith(PNG_MAGIC):
        return "png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if re.match(rb"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]", head, re.S):
        return "svg"
    return None


def check_emblem(value: str | None, root: str | Path = ".") -> Path | None:
    """The emblem's path (relative to ``root``, the repository) or None when none is configured.
    Raises ConfigError naming the key when the file is missing or is not a PNG or an SVG."""
    from industry_report.core.errors import ConfigError

    if not value:
        return None
    path = Path(root) / value
    where = f"config/config.yaml, key {KEY!r}"
    if not path.is_file():
        raise ConfigError(f"{where}: expected an existing PNG or SVG file, found no file {value!r}")
    kind = emblem_kind(path.read_bytes())
    if kind is None or path.suffix.lower() != f".{kind}":
        found = f"a {kind.upper()} file named {path.name!r}" if kind else f"{value!r}, neither PNG nor SVG"
        raise ConfigError(f"{where}: expected a PNG (.png) or SVG (.svg) file, found {found}")
    return path


def emblem_png(path: Path) -> bytes:
    """The emblem as PNG bytes: the file itself, or an SVG rendered by typst at 300 dpi."""
    import tempfile

    import typst

    data = Path(path).read_bytes()
    if emblem_kind(data) == "png":
        return data
    with tempfile.TemporaryDirectory(prefix="emblem-") as tmp:
        (Path(tmp) / "emblem.svg").write_bytes(data)
        src = Path(tmp) / "emblem.typ"
        src.write_text(
            "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
            '#image("emblem.svg", height: 6cm)\n',
            encoding="utf-8",
        )
        return typst.compile(str(src), format="png", ppi=300, root=tmp)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG's IHDR chunk."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
MEDIA = "word/media/title-emblem.png"
REL_ID = "rIdTitleEmblem"

_DRAWING = """<w:p xmlns:w="{W}" xmlns:r="{R}"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
<w:pPr><w:jc w:val="center"/><w:spacing w:after="480"/></w:pPr>
<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">
<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="9001" name="Emblem" descr="{alt}"/>
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
<pic:pic><pic:nvPicPr><pic:cNvPr id="9001" name="title-emblem.png" descr="{alt}"/><pic:cNvPicPr/>
</pic:nvPicPr>
<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>
</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"""


def insert_docx_emblem(data: dict[str, bytes], png: bytes, alt: str) -> None:
    """Put ``png`` centred above the title (the first paragraph of the body) of the DOCX parts
    ``data`` (zip name -> bytes), with its relationship and content type; ``alt`` its description."""
    from xml.sax.saxutils import quoteattr

    w, h = png_size(png)
    cy = int(HEIGHT_CM * _EMU_PER_CM)
    cx = int(cy * w / h)
    data[MEDIA] = png
    rels = etree.fromstring(data["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, f"{{{PKG}}}Relationship")
    rel.set("Id", REL_ID)
    rel.set("Type", IMAGE_REL)
    rel.set("Target", MEDIA.removeprefix("word/"))
    data["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(data["[Content_Types].xml"])
    if not any(d.get("Extension", "").lower() == "png" for d in types.iter(f"{{{CT}}}Default")):
        d = etree.Element(f"{{{CT}}}Default")
        d.set("Extension", "png")
        d.set("ContentType", "image/png")
        types.insert(0, d)
        data["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    doc = etree.fromstring(data["word/document.xml"])
    body = doc.find(f"{{{W}}}body")
    para = etree.fromstring(_DRAWING.format(W=W, R=R, cx=cx, cy=cy, alt=quoteattr(alt)[1:-1], rid=REL_ID))
    body.insert(0, para)
    data["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
