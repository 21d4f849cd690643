"""Entry point of rule build_document: the assembled book -> build/national-report.docx / .pdf, and
beside it what rule publish_report reports about the document (format, engine, pages)."""

from pathlib import Path

from industry_report.core.io import source_date_epoch
from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.publish import publishing, rendering
    from industry_report.publish.book import book_structure
    from industry_report.publish.messages import load_messages
    from industry_report.publish.page import load_page

    target = Path(out.document)
    fmt = target.suffix.lstrip(".")
    book_dir = Path(inp.quarto).parent
    structure = book_structure(inp.quarto)
    messages = load_messages(inp.messages)
    engine = rendering.choose_engine(params.engine)
    resources = [Path(params.figures_dir)]
    emblem = Path(inp.emblem[0]) if inp.emblem else None
    if engine == "quarto":
        rendering.build_with_quarto(book_dir, fmt, target, epoch=source_date_epoch())
    elif fmt == "docx":
        rendering.build_docx_builtin(
            book_dir,
            structure,
            target,
            reference_doc=Path(inp.reference),
            language_file=Path(inp.language),
            lua_filter=Path(inp.lua_filter),
            resource_dirs=resources,
            epoch=source_date_epoch(),
            messages=messages,
            emblem=emblem,
        )
    else:
        rendering.build_pdf_builtin(
            book_dir,
            structure,
            target,
            template=Path(inp.template),
            page=load_page(inp.page),
            language_file=Path(inp.language),
            lua_filter=Path(inp.lua_filter),
            resource_dirs=resources,
            epoch=source_date_epoch(),
            messages=messages,
            emblem=emblem,
        )
    publishing.write_document_info(target, engine, out.info, reference=inp.reference)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
