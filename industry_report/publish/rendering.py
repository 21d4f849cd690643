"""Rendering the assembled Quarto book to DOCX and PDF.

Two engines take the same `.qmd` sources:

* ``quarto``: `quarto render` of the assembled book project, when `quarto` is on PATH;
* ``builtin``: the engines Quarto itself drives, from PyPI: pandoc (pypandoc-binary) for DOCX and
  pandoc -> typst (the `typst` package) for PDF, with report/filters/quarto_crossref.lua doing what
  Quarto's crossref does (chapter numbering, Kazakh captions and references) so that both engines
  print the same words and numbers (checked against shared/quarto-reference).

``auto`` (the default) picks quarto when it is installed, otherwise builtin.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import yaml

from industry_report.core.errors import ConfigError, RenderError
from industry_report.core.yaml_input import load_yaml

ENGINES = ("auto", "quarto", "builtin")
# pandoc reads the chapters without raw blocks or inlines ({=typst}, {=openxml}, HTML, TeX): the
# lint refuses them first (publish/syntax.py); anything that slipped past prints as text, never runs.
READER = "markdown-raw_attribute-raw_html-raw_tex"


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def font_dirs() -> list[str]:
    """Folders of the PT Serif / PT Sans files shipped by the fontpkg packages on PyPI."""
    import fontpkg

    return sorted({str(f.path.parent) for fam in ("pt-sans", "pt-serif") for f in fontpkg.family(fam).files})


def choose_engine(setting: str) -> str:
    if setting not in ENGINES:
        raise ConfigError(f"render.engine must be one of {', '.join(ENGINES)}, not {setting!r}")
    if setting == "auto":
        return "quarto" if shutil.which("quarto") else "builtin"
    if setting == "quarto" and not shutil.which("quarto"):
        raise ConfigError("render.engine is 'quarto' but no `quarto` is on PATH; use 'auto' or 'builtin'")
    return setting


_HEADING = re.compile(r"^(#\s+.*?)(\s*\{([^}]*)\})?\s*$")


def mark_appendix(text: str) -> str:
    """Add the class `appendix` to the level-1 headings of an appendix file (for the crossref filter)."""
    out = []
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m and line.startswith("# "):
            attrs = (m.group(3) or "").strip()
            line = f"{m.group(1)} {{{(attrs + ' ') if attrs else ''}.appendix}}"
        out.append(line)
    return "\n".join(out)


def combined_markdown(book_dir: Path, chapters: list[str], appendices: list[str]) -> str:
    parts = [(book_dir / c).read_text(encoding="utf-8") for c in chapters]
    parts += [mark_appendix((book_dir / a).read_text(encoding="utf-8")) for a in appendices]
    return "\n\n".join(p.rstrip() + "\n" for p in parts)


def _metadata_args(book: dict, language: dict) -> list[str]:
    args = []
    for key in (
        "title",
        "subtitle",
        "author",
        "date",
        "institute",
        "publisher",
        "publisher-place",
        "publication-year",
        "imprint",
        "demo-notice",
        "description",
        "keywords",
    ):
        if book.get(key):
            val = book[key]
            if isinstance(val, list):
                val = ", ".join(map(str, val))
            args += ["-M", f"{key}={val}"]
    args += ["-M", f"toc-title={language.get('toc-title-document', 'Contents')}"]
    return args


def _run(cmd: list[str], what: str, cwd: Path | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    _check_space(proc)
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip()
        raise RenderError(f"{what} failed:\n{msg}")


def _check_space(proc: subprocess.CompletedProcess) -> None:
    """A tool killed at a file-size limit (SIGXFSZ) is a full disk, not a rendering error."""
    if proc.returncode == -signal.SIGXFSZ:
        raise subprocess.CalledProcessError(proc.returncode, proc.args)


def edition_language(language_file: Path, language: dict) -> str:
    """The language code of an edition: the ``lang`` of its language file, else the file's name
    (report/_language-<lang>.yml)."""
    return language.get("lang") or Path(language_file).stem.removeprefix("_language-")


# The list of sources beside the chapters (rule render_book_config copies them in): every entry is
# printed (the crossref filter sets nocite "@*", as the _quarto.yml does for Quarto), where
# `::: {#refs}` stands.
BIBLIOGRAPHY, CSL = "references.yaml", "sources.csl"


def citeproc_args(book_dir: Path) -> list[str]:
    """pandoc's citeproc on the book's list of sources, after the crossref filter (which leaves
    every citation that is not a cross-reference alone); nothing when the book has no list."""
    bib = Path(book_dir) / BIBLIOGRAPHY
    if not bib.is_file():
        return []
    args = ["--citeproc", "--bibliography", str(bib)]
    csl = Path(book_dir) / CSL
    return args + (["--csl", str(csl)] if csl.is_file() else [])


def pandoc_common(
    book_dir: Path, resource_dirs: list[Path], language_file: Path, lua_filter: Path, book: dict
) -> list[str]:
    language = load_yaml(language_file, "language", "language words").data
    return (
        _pandoc_head(book_dir, resource_dirs, language_file, lua_filter)
        + citeproc_args(book_dir)
        + _metadata_args(book, language)
    )


def _pandoc_head(book_dir: Path, resource_dirs: list[Path], language_file: Path, lua_filter: Path):
    language = load_yaml(language_file, "language", "language words").data
    return [
        pandoc_path(),
        "-f",
        READER,
        "--metadata-file",
        str(language_file),
        "--lua-filter",
        str(lua_filter),
        "--toc",
        "--toc-depth=2",
        "--resource-path",
        os.pathsep.join(str(p) for p in [book_dir, *resource_dirs]),
        "-M",
        f"lang={edition_language(language_file, language)}",
    ]


def build_docx_builtin(
    book_dir: Path,
    structure: dict,
    out: Path,
    *,
    reference_doc: Path,
    language_file: Path,
    lua_filter: Path,
    resource_dirs: list[Path],
    epoch: int,
    messages=None,
    emblem: Path | None = None,
) -> None:
    """``emblem``: the title page's emblem or logo (a checked PNG or SVG, publish/emblem.py)."""
    from industry_report.publish import docx_post

    with tempfile.TemporaryDirectory(prefix="docx-") as tmp:
        src = Path(tmp) / "book.md"
        src.write_text(
            combined_markdown(book_dir, structure["chapters"], structure["appendices"]), encoding="utf-8"
        )
        raw = Path(tmp) / "raw.docx"
        cmd = pandoc_common(book_dir, resource_dirs, language_file, lua_filter, structure["book"])
        cmd += ["-t", "docx", "--reference-doc", str(reference_doc), str(src), "-o", str(raw)]
        # Word has no custom title page: the reverse (annotation, and the notice of an edition with
        # demonstration data) goes in the abstract slot, which the reference document starts on a
        # new page. A metadata file, since -M values are not read as Markdown paragraphs.
        book = structure["book"]
        reverse = [book[k] for k in ("imprint", "demo-notice") if book.get(k)]
        if reverse:
            language = load_yaml(language_file, "language", "language words").data
            meta = Path(tmp) / "reverse.yaml"
            title = language.get("section-title-abstract", "")
            fields = {"abstract": "\n\n".join(reverse), "abstract-title": title}
            # JSON is YAML whose "\n\n" stays a paragraph break (a YAML dump would fold it)
            meta.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
            cmd += ["--metadata-file", str(meta)]
        env_epoch = {"SOURCE_DATE_EPOCH": str(epoch)}
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env_epoch})
        _check_space(proc)
        if proc.returncode != 0:
            raise RenderError(
                _pandoc_failure("pandoc (DOCX)", proc.stderr or proc.stdout, book_dir, structure, messages)
            )
        emblem_args = {}
        if emblem:
            from industry_report.publish.emblem import emblem_png

            language = load_yaml(language_file, "language", "language words").data
            emblem_args = {"emblem": emblem_png(emblem), "emblem_alt": language.get("emblem-alt", "")}
        docx_post.finalize(raw, out, epoch=epoch, caption_words=caption_words(language_file), **emblem_args)


def caption_words(language_file: Path) -> dict[str, str]:
    """The printed caption words of an edition by kind (docx_post.finalize)."""
    language = load_yaml(language_file, "language", "language words").data
    return {"tbl": language["crossref-tbl-title"], "fig": language["crossref-fig-title"]}


def build_pdf_builtin(
    book_dir: Path,
    structure: dict,
    out: Path,
    *,
    template: Path,
    page,
    language_file: Path,
    lua_filter: Path,
    resource_dirs: list[Path],
    epoch: int,
    messages=None,
    emblem: Path | None = None,
) -> None:
    """PDF through pandoc -> typst; ``page`` (publish/page.py) fills the template's paper and margins.
    ``emblem``: the title page's emblem or logo (a checked PNG or SVG), copied into typst's root."""
    with tempfile.TemporaryDirectory(prefix="pdf-", dir=book_dir) as tmp:
        src = Path(tmp) / "book.md"
        src.write_text(
            combined_markdown(book_dir, structure["chapters"], structure["appendices"]), encoding="utf-8"
        )
        typ = Path(tmp) / "book.typ"
        cmd = pandoc_common(book_dir, resource_dirs, language_file, lua_filter, structure["book"])
        cmd += ["-t", "typst", "-s", "--template", str(template), str(src), "-o", str(typ)]
        cmd += [f"--variable={k}:{v}" for k, v in page.typst_variables().items()]
        sandbox = Path(tmp) / "root"
        if emblem:
            from industry_report.publish.emblem import EMBLEM_NAME

            name = f"{EMBLEM_NAME}{Path(emblem).suffix.lower()}"
            sandbox.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(emblem, sandbox / name)
            cmd += [f"--variable=emblem:{name}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RenderError(
                _pandoc_failure("pandoc (typst)", proc.stderr or proc.stdout, book_dir, structure, messages)
            )
        compile_typst(typ, out, [book_dir, *resource_dirs], sandbox, epoch=epoch)


# The only files a document may show (the lint and the crossref filter say the same).
_FIGURE = re.compile(r"^figures/[A-Za-z0-9_-]+\.png$")
_IMAGE = re.compile(r'image\("([^"]+)"')
# The PDF is tagged and checked by typst against PDF/UA-1 (every figure needs its alt text) and is
# PDF/A-2a (fonts embedded, no transparency groups that A-2 forbids, tagged structure).
PDF_STANDARDS = ["ua-1", "a-2a"]


def _with_alt(text: str, shown: str, png: Path) -> str:
    """Give every ``image("shown")`` call without an ``alt:`` the chart's own alternative text
    (chart_style.save stores it in the PNG); a chapter's ``fig-alt`` (written by the filter) stays."""
    from industry_report.publish.figure_alt import read_alt

    alt = read_alt(png)
    if not alt:
        return text
    quoted = '"' + alt.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return re.sub(
        re.escape(f'image("{shown}"') + r"(?!,\s*alt:)", lambda _m: f'image("{shown}", alt: {quoted}', text
    )


# pandoc's typst for a captioned figure: #figure(image("…"),\n  caption: [\n    …\n  ]\n)
_FIGURE_CALL = re.compile(
    r'(image\("[^"]+"(?:,[^()"]*(?:"[^"]*"[^()"]*)*)?)\)(,\s*caption:\s*\[)(.*?)(\]\s*\n\))', re.S
)


def _caption_alt(text: str) -> str:
    """A figure that carries no alternative text (an image not drawn by chart_style, without
    fig-alt) gets its caption's words, so the PDF stays PDF/UA: better than none."""

    def alt(m: re.Match) -> str:
        if "alt:" in m.group(1):
            return m.group(0)
        words = " ".join(re.sub(r"[~\\#*_]", " ", m.group(3)).split()).replace('"', '\\"')
        return f'{m.group(1)}, alt: "{words}")' + m.group(2) + m.group(3) + m.group(4)

    return _FIGURE_CALL.sub(alt, text)


# A formula in pandoc's typst: $…$ (a dollar in the text is written \$).
_MATH = re.compile(r"(?<!\\)\$((?:\\.|[^$\\])+)\$")


def _math_with_alt(text: str) -> str:
    """PDF/UA-1 wants an alternative text for every formula: its own symbols, as written."""

    def alt(m: re.Match) -> str:
        body = m.group(1)
        spoken = " ".join(body.replace('\\"', '"').split()).replace("\\", "\\\\").replace('"', '\\"')
        block = "true" if body.startswith(" ") and body.endswith(" ") else "false"
        return f'#math.equation(block: {block}, alt: "{spoken}", ${body}$);'  # ";" ends the call

    return _MATH.sub(alt, text)


def compile_typst(
    typ: Path, out: Path, figure_dirs: list[Path], sandbox: Path, *, epoch: int | None = None
) -> None:
    """Compile ``typ`` in ``sandbox``, typst's root: the document, copies of its figures and the
    title page's emblem (copied in by the caller) only.

    typst cannot read a file outside its root, so nothing a chapter writes can reach the data,
    the values or any other file of the project: the sandbox holds nothing else. A figure whose
    vector copy (the SVG chart_style.save writes beside the PNG) exists is printed from it.
    ``epoch`` (SOURCE_DATE_EPOCH) is the PDF's creation date."""
    import typst

    from industry_report.core.io import atomic_path

    sandbox.mkdir(parents=True, exist_ok=True)
    text = typ.read_text(encoding="utf-8")
    for name in dict.fromkeys(_IMAGE.findall(text)):
        if not _FIGURE.match(name):
            raise RenderError(f"typst: the image {name!r} is not a figure (figures/<name>.png)")
        found = next((Path(d) / name for d in figure_dirs if (Path(d) / name).is_file()), None)
        if found is None:
            raise RenderError(f"figure {name!r} not found in {', '.join(map(str, figure_dirs))}")
        (sandbox / "figures").mkdir(exist_ok=True)
        svg = found.with_suffix(".svg")
        shown = Path(name).with_suffix(".svg").as_posix() if svg.is_file() else name
        shutil.copyfile(svg if svg.is_file() else found, sandbox / shown)
        text = _with_alt(text.replace(f'image("{name}"', f'image("{shown}"'), shown, found)
    (sandbox / "book.typ").write_text(_math_with_alt(_caption_alt(text)), encoding="utf-8")
    try:
        with atomic_path(out) as tmp_pdf:
            typst.compile(
                str(sandbox / "book.typ"),
                output=str(tmp_pdf),
                root=str(sandbox),
                font_paths=font_dirs(),
                ignore_system_fonts=True,
                pdf_standards=PDF_STANDARDS,
                timestamp=epoch,
            )
    except Exception as exc:  # the typst binding raises its own error types
        # the diagnostic names the line of the generated document (e.g. a formula without alt text)
        raise RenderError(f"typst failed:\n{getattr(exc, 'diagnostic', None) or exc}") from None


def _pandoc_failure(what: str, output: str, book_dir: Path, structure: dict, messages) -> str:
    """pandoc's message; an unknown cross-reference is named by chapter file and line."""
    m = re.search(r"reference to unknown id (.*?) \(", output)
    if not m or messages is None:
        return f"{what} failed:\n{output.strip()}"
    lines = []
    for ref in (r.strip().lstrip("@") for r in m.group(1).split(",")):
        for ch in structure["chapters"] + structure["appendices"]:
            text = (book_dir / ch).read_text(encoding="utf-8").split("\n")
            for n, line in enumerate(text, start=1):
                if re.search(r"@\{?" + re.escape(ref) + r"(?![\w-])", line):
                    lines.append(messages.at(book_dir / ch, n, "unknown_reference", ref=ref))
    return "\n".join(lines) or f"{what} failed:\n{output.strip()}"


# The prefix report/filters/quarto_crossref.lua gives the ids it numbers on the Quarto path (its
# QUARTO_ID_PREFIX; a unit test holds the two equal): docx_post strips it from the DOCX.
QUARTO_ID_PREFIX = "ir-"

# The Quarto format of the PDF: typst with the house template (report/quarto-extension/).
QUARTO_PDF_FORMAT = "national-report-typst"
QUARTO_EXTENSION_DIR = "_extensions/national-report"

# The files of the assembled book that `quarto render` writes itself (never inputs of a render).
_QUARTO_OUTPUTS = ("_book", ".quarto", ".render.lock", "_freeze")


def _book_digest(book_dir: Path) -> str:
    """A digest of every input file of the assembled book: the same digest, the same render."""
    h = hashlib.sha256()
    for path in sorted(p for p in book_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(book_dir)
        if rel.parts[0] in _QUARTO_OUTPUTS or rel.name.startswith("."):
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def quarto_render(book_dir: Path, epoch: int) -> Path:
    """One `quarto render` of the book into ``book_dir/_book`` for all its formats, at most once per
    content of the book; returns the output folder.

    The build asks for the DOCX and the PDF in two jobs that may run at once, and two Quarto
    processes in one project folder share `.quarto/` and `_book/`: a lock makes the second job wait
    for the first one's render, and the digest of the book (stored beside the outputs) lets it use
    that render instead of rendering again."""
    out_dir = book_dir / "_book"
    stamp = out_dir / ".rendered-digest"
    with open(book_dir / ".render.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        digest = _book_digest(book_dir)
        if stamp.is_file() and stamp.read_text() == digest:
            return out_dir
        shutil.rmtree(out_dir, ignore_errors=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        proc = subprocess.run(
            ["quarto", "render", str(book_dir), "--to", "all"], capture_output=True, text=True, env=env
        )
        _check_space(proc)
        if proc.returncode != 0:
            raise RenderError(f"quarto render failed:\n{(proc.stderr or proc.stdout).strip()}")
        stamp.write_text(digest)
    return out_dir


def build_with_quarto(book_dir: Path, fmt: str, out: Path, *, epoch: int) -> None:
    """The document ``fmt`` of the assembled (self-contained) book, rendered by Quarto; the DOCX gets
    the same post-processing as the built-in renderer's (publish/docx_post.py)."""
    from industry_report.core.io import atomic_path
    from industry_report.publish import docx_post

    out_dir = quarto_render(book_dir, epoch)
    quarto_yml = Path(book_dir) / "_quarto.yml"
    produced = sorted(out_dir.glob(f"*.{fmt}"))
    if not produced:
        raise RenderError(f"quarto render produced no .{fmt} in {out_dir}")
    if fmt == "docx":
        docx_post.finalize(
            produced[0],
            out,
            epoch=epoch,
            caption_words=caption_words(Path(book_dir) / yaml.safe_load(quarto_yml.read_text())["language"]),
            id_prefix=QUARTO_ID_PREFIX,
        )
        return
    with atomic_path(out) as tmp:
        shutil.copyfile(produced[0], tmp)


def quarto_book_config(quarto_yml_text: str, page, language: dict, book_dir: Path) -> str:
    """The _quarto.yml of the assembled book in ``book_dir``: what differs from machine to machine or
    comes from another file, so that Quarto gets what the built-in renderer passes on its command line.

    typst: the PyPI fonts' folders (relative to the book: Quarto reads a path that starts with '/'
    in a project file as relative to the project) and the paper and margins of ``page``
    (publish/page.py), as variables of the house template; DOCX: the demonstration notice in the
    abstract slot under the title, as the built-in renderer puts it (Word has no custom title page)."""
    data = yaml.safe_load(quarto_yml_text)
    formats = data.get("format", {})
    typst_fmt = formats.get(QUARTO_PDF_FORMAT)
    if isinstance(typst_fmt, dict):
        typst_fmt["font-paths"] = [os.path.relpath(d, Path(book_dir).resolve()) for d in font_dirs()]
        typst_fmt.update(page.typst_variables())
    docx_fmt = formats.get("docx")
    notice = data.get("demo-notice")
    if isinstance(docx_fmt, dict) and notice:
        docx_fmt["abstract"] = notice
        docx_fmt["abstract-title"] = language.get("section-title-abstract", "")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
