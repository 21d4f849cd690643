"""A chapter cannot execute code or read a file, in the build itself (not only in `make check`);
the book's chapter list is an input of the build; messages name file and line for the editor."""

import shutil
import zipfile
from types import SimpleNamespace

import pytest
from docx import Document

from conftest import CONFIG, ROOT, copy_repo, snakemake
from industry_report.core.errors import ConfigError, RenderError, TemplateError
from industry_report.core.io import write_json
from industry_report.publish import rendering
from industry_report.publish.book import checked_chapter_files
from industry_report.publish.messages import load_messages
from industry_report.publish.page import load_page
from scripts import render_chapter

KK = load_messages(ROOT / "report/messages-kk.yml")
LANG = ROOT / "report/_language-kk.yml"
LUA = ROOT / "report/filters/quarto_crossref.lua"
TYP = ROOT / "report/typst/national-report.typ"
PAGE = load_page(ROOT / "report/page.yml")
SECRET = "enterprise-list-SECRET-42"


class Files(SimpleNamespace):
    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):  # as Snakemake's Namedlist
        return getattr(self, key, default)


def _render(tmp_path, text):
    """scripts/render_chapter.py on one chapter; returns the output path."""
    chapters = tmp_path / "chapters" / "kk"
    chapters.mkdir(parents=True, exist_ok=True)
    (chapters / "01.qmd").write_text(text, encoding="utf-8")
    write_json({"n": 568}, tmp_path / "s.json")
    out = tmp_path / "book" / "01.qmd"
    inp = Files(
        template=str(chapters / "01.qmd"),
        values=[str(tmp_path / "s.json")],
        page=str(ROOT / "report/page.yml"),
        messages=str(ROOT / "report/messages-kk.yml"),
    )
    params = SimpleNamespace(namespaces=["s"], report={"year": 2025, "lang": "kk"})
    outs = SimpleNamespace(chapter=str(out), tracking=str(tmp_path / "tracking" / "01.json"))
    render_chapter.main(inp, outs, params)
    return out


@pytest.mark.parametrize(
    "body, name, params",
    [
        ('```{=typst}\n#read("/etc/passwd")\n```', "raw_block", {"text": "```{=typst}", "format": "typst"}),
        ("```{=openxml}\n<w:p/>\n```", "raw_block", {"text": "```{=openxml}", "format": "openxml"}),
        (
            'Мәтін `#read("../../data.csv")`{=typst} ішінде.',
            "raw_inline",
            {"text": '`#read("../../data.csv")`{=typst}', "format": "typst"},
        ),
        ("{{< include secret.qmd >}}", "include", {"text": "{{< include secret.qmd >}}"}),
        ("{{< pagebreak >}}", "shortcode", {"text": "{{< pagebreak >}}"}),
        ("```{python}\nopen('/etc/passwd').read()\n```", "code_cell", {"text": "```{python}"}),
        ("::: {.callout-note}\nЕскерту.\n:::", "callout", {"text": "::: {.callout-note}"}),
    ],
)
def test_the_build_refuses_a_chapter_that_would_execute_or_read(tmp_path, body, name, params):
    with pytest.raises(TemplateError) as exc:
        _render(tmp_path, f"# Тарау {{#sec-a}}\n\nСаны << s.n | integer >>.\n\n{body}\n")
    assert str(exc.value) == f"{tmp_path}/chapters/kk/01.qmd:5: " + KK(name, **params)
    assert not (tmp_path / "book" / "01.qmd").exists()


def test_a_good_chapter_renders(tmp_path):
    out = _render(tmp_path, "# Тарау {#sec-a}\n\nСаны << s.n | integer >>.\n")
    assert out.read_text(encoding="utf-8") == "# Тарау {#sec-a}\n\nСаны 568.\n"


def test_undefined_value_in_the_build_is_kazakh_with_did_you_mean(tmp_path):
    with pytest.raises(TemplateError) as exc:
        _render(tmp_path, "# Тарау {#sec-a}\n\nСаны << s.nn | integer >>.\n")
    hint = KK("did_you_mean", suggestion="s.n")
    assert str(exc.value) == f"{tmp_path}/chapters/kk/01.qmd:3: " + KK(
        "undefined_value", key="s.nn", hint=hint
    )


# --------------------------------------------------------------------------------------------------
# The renderers: nothing outside the book is read, even when a construct slipped past the lint
# --------------------------------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path):
    """results/<year>/{figures,kk/book} and a secret file beside the book (as the data are)."""
    results = tmp_path / "results" / "2025"
    book = results / "kk" / "book"
    (results / "figures").mkdir(parents=True)
    book.mkdir(parents=True)
    shutil.copy(ROOT / "tests/fixtures/quarto-reference/suret.png", results / "figures" / "a.png")
    (results / "secret.txt").write_text(SECRET, encoding="utf-8")
    shutil.copy(results / "figures" / "a.png", results / "secret.png")
    return results


def _book(results, text):
    book = results / "kk" / "book"
    (book / "01.qmd").write_text(text, encoding="utf-8")
    return book, {"chapters": ["01.qmd"], "appendices": [], "book": {"title": "T"}}


def _pdf(results, book, structure, out):
    rendering.build_pdf_builtin(
        book,
        structure,
        out,
        template=TYP,
        page=PAGE,
        language_file=LANG,
        lua_filter=LUA,
        resource_dirs=[results],
        epoch=0,
        messages=KK,
    )


def _docx(results, book, structure, out, reference_docx):
    rendering.build_docx_builtin(
        book,
        structure,
        out,
        reference_doc=reference_docx,
        language_file=LANG,
        lua_filter=LUA,
        resource_dirs=[results],
        epoch=0,
        messages=KK,
    )


def test_typst_cannot_read_a_file_outside_its_sandbox(project, tmp_path):
    """typst's root holds the document and its figures only: reading the project's files fails."""
    typ = tmp_path / "in.typ"
    for path in ("../../secret.txt", "/secret.txt", str(project / "secret.txt")):
        typ.write_text(f'#read("{path}")\n', encoding="utf-8")
        with pytest.raises(RenderError) as exc:
            rendering.compile_typst(typ, tmp_path / "out.pdf", [project], tmp_path / f"sandbox{hash(path)}")
        assert SECRET not in str(exc.value)
        assert not (tmp_path / "out.pdf").exists()


def test_typst_sees_only_figures_of_the_document(project, tmp_path):
    typ = tmp_path / "in.typ"
    typ.write_text('#image("secret.png")\n', encoding="utf-8")
    with pytest.raises(RenderError, match="not a figure"):
        rendering.compile_typst(typ, tmp_path / "out.pdf", [project], tmp_path / "sandbox")
    # a PDF/UA document: a title, and alt text on every image
    typ.write_text('#set document(title: "Т")\n#image("figures/a.png", alt: "Сурет")\n', encoding="utf-8")
    rendering.compile_typst(typ, tmp_path / "out.pdf", [project], tmp_path / "sandbox2")
    assert sorted(p.name for p in (tmp_path / "sandbox2").rglob("*")) == ["a.png", "book.typ", "figures"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_image_path_outside_figures_fails_in_both_documents(project, reference_docx, tmp_path, fmt):
    book, structure = _book(project, "# Т {#sec-a}\n\n![Сурет](figures/../../secret.png){#fig-a}\n")
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(RenderError, match="figures/<name>.png"):
        if fmt == "pdf":
            _pdf(project, book, structure, out)
        else:
            _docx(project, book, structure, out, reference_docx)
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_raw_block_that_slipped_past_the_lint_prints_as_text(project, reference_docx, tmp_path, fmt):
    """The renderers read Markdown without raw extensions: nothing of the raw block runs."""
    text = '# Т {#sec-a}\n\n```{=typst}\n#read("../../secret.txt")\n```\n\nА `#read("x")`{=typst}.\n'
    book, structure = _book(project, text)
    out = tmp_path / f"out.{fmt}"
    if fmt == "pdf":
        _pdf(project, book, structure, out)
        from pypdf import PdfReader

        words = " ".join(p.extract_text() for p in PdfReader(out).pages)
        assert "read" in words and SECRET not in words
    else:
        _docx(project, book, structure, out, reference_docx)
        xml = zipfile.ZipFile(out).read("word/document.xml").decode()
        assert "#read(" in xml and SECRET not in xml


def test_fig_alt_reaches_docx_descr_and_typst_alt(project, reference_docx, tmp_path):
    alt = 'Өңірлер бойынша бағандар "диаграммасы"'
    text = f'# Т {{#sec-a}}\n\n![Сурет атауы](figures/a.png){{#fig-a fig-alt="{alt}"}}\n'
    book, structure = _book(project, text.replace('"диаграммасы"', '\\"диаграммасы\\"'))
    _docx(project, book, structure, tmp_path / "out.docx", reference_docx)
    doc = Document(str(tmp_path / "out.docx"))
    descr = [e.get("descr") for e in doc.element.body.iter() if e.tag.endswith("}docPr")]
    assert descr == [alt]
    # typst: the image call carries alt:, and the PDF's structure tree the text
    cmd = rendering.pandoc_common(book, [project], LANG, LUA, structure["book"])
    typ = tmp_path / "book.typ"
    src = tmp_path / "book.md"
    src.write_text(rendering.combined_markdown(book, ["01.qmd"], []), encoding="utf-8")
    import subprocess

    subprocess.run([*cmd, "-t", "typst", str(src), "-o", str(typ)], check=True)
    assert '#image("figures/a.png", alt: "Өңірлер бойынша бағандар \\"диаграммасы\\"")' in typ.read_text()
    _pdf(project, book, structure, tmp_path / "out.pdf")
    assert alt in pdf_alt_texts(tmp_path / "out.pdf")


def pdf_alt_texts(path):
    """Every /Alt entry of the PDF's structure tree (typst writes a tagged PDF)."""
    from pypdf import PdfReader

    found = []

    def walk(node, seen):
        node = node.get_object() if hasattr(node, "get_object") else node
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            for k, v in node.items():
                if k not in ("/P", "/Pg", "/Parent"):
                    walk(v, seen)
        elif isinstance(node, list):
            for v in node:
                walk(v, seen)

    walk(PdfReader(path).trailer["/Root"].get("/StructTreeRoot", {}), set())
    return found


def test_a_broken_reference_names_the_chapter_file_and_line(project, reference_docx, tmp_path):
    book, structure = _book(project, "# Т {#sec-a}\n\nМәтін.\nҚараңыз [-@tbl-none]-кестеде.\n")
    with pytest.raises(RenderError) as exc:
        _docx(project, book, structure, tmp_path / "out.docx", reference_docx)
    assert str(exc.value) == f"{book}/01.qmd:4: " + KK("unknown_reference", ref="tbl-none")


# --------------------------------------------------------------------------------------------------
# The chapter list
# --------------------------------------------------------------------------------------------------
QUARTO = (
    "project:\n  type: book\nbook:\n  title: T\n  chapters:\n    - index.qmd\n    - 01.qmd\n"
    "  appendices:\n    - 91.qmd\n"
)


def _list(tmp_path, *files):
    (tmp_path / "_quarto.yml").write_text(QUARTO, encoding="utf-8")
    d = tmp_path / "chapters" / "kk"
    d.mkdir(parents=True)
    for f in files:
        (d / f).write_text("# T {#sec-t}\n", encoding="utf-8")
    return tmp_path / "_quarto.yml", {str(d): KK}


def test_the_chapter_list_matches_the_chapter_files(tmp_path):
    q, dirs = _list(tmp_path, "index.qmd", "01.qmd", "91.qmd")
    assert checked_chapter_files(q, dirs) == ["index.qmd", "01.qmd", "91.qmd"]


def test_a_listed_but_missing_chapter_names_the_line_of_quarto_yml(tmp_path):
    q, dirs = _list(tmp_path, "index.qmd", "91.qmd")
    with pytest.raises(ConfigError) as exc:
        checked_chapter_files(q, dirs)
    folder = tmp_path / "chapters" / "kk"
    assert str(exc.value) == f"{q}:7: " + KK("chapter_listed_missing", chapter="01.qmd", folder=folder)


def test_an_unlisted_chapter_names_the_chapter_list_of_quarto_yml(tmp_path):
    q, dirs = _list(tmp_path, "index.qmd", "01.qmd", "91.qmd", "02-new.qmd")
    with pytest.raises(ConfigError) as exc:
        checked_chapter_files(q, dirs)
    folder = tmp_path / "chapters" / "kk"
    assert str(exc.value) == f"{q}:5: " + KK("chapter_unlisted", chapter="02-new.qmd", folder=folder)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return copy_repo(tmp_path_factory.mktemp("tree"))


def test_the_build_stops_on_the_chapter_list_with_its_line(tree):
    quarto = tree / "report/_quarto.yml"
    good = quarto.read_text(encoding="utf-8")
    lines = good.split("\n")
    n = next(i for i, ln in enumerate(lines, 1) if ln.strip() == "- 03-sectors.qmd")
    chapters_line = next(i for i, ln in enumerate(lines, 1) if ln.strip() == "chapters:")
    try:
        quarto.write_text(good.replace("- 03-sectors.qmd", "- 03-sectorz.qmd"), encoding="utf-8")
        proc = snakemake(tree, "-n", check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0
        missing = KK("chapter_listed_missing", chapter="03-sectorz.qmd", folder="chapters/kk")
        unlisted = KK("chapter_unlisted", chapter="03-sectors.qmd", folder="chapters/kk")
        assert f"report/_quarto.yml:{n}: {missing}" in out
        assert f"report/_quarto.yml:{chapters_line}: {unlisted}" in out
        assert "Traceback" not in out
    finally:
        quarto.write_text(good, encoding="utf-8")


def test_the_chapter_list_and_the_check_are_inputs_of_the_documents(tree):
    """Editing the list reruns the documents; a document is made only from checked chapters."""
    docx = f"results/{CONFIG['year']}/kk/build/national-report.docx"
    proc = snakemake(tree, "-n", "--forceall", docx)
    job = proc.stdout.split("rule build_document:", 1)[1].split("\n\n", 1)[0]
    inputs = job.split("input: ", 1)[1].split("\n", 1)[0].split(", ")
    assert "report/_quarto.yml" in inputs and f"results/{CONFIG['year']}/kk/check.txt" in inputs
    assert "rule check_chapters:" in proc.stdout
