"""Entry point of rule build_statistical_annex: the report's tables (results/<year>/<lang>/tables/*.csv,
numbers.json, the numbering of the book) and the indicator series -> statistical-annex.xlsx."""

from pathlib import Path

from industry_report.core.io import read_json
from industry_report.core.step import step
from industry_report.core.validation import read_csv
from industry_report.indicators.catalogue import INDICATOR_VALUES_SCHEMA, load_catalogue
from industry_report.publish.annex_workbook import annex_sheets, workbook_bytes
from industry_report.publish.book import book_structure
from industry_report.review.locate import read_book


def main(inp, out, params):
    from industry_report.core.io import atomic_path

    registry = read_json(inp.numbers)
    tables = {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(inp.tables).glob("*.csv"))}
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(inp.markdown).glob("*.md"))}
    structure = book_structure(inp.quarto)
    book = read_book(texts, structure["chapters"], structure["appendices"])
    order = [i for i in book.numbers if i.startswith("tbl-")]
    indicators = read_csv(inp.indicators, INDICATOR_VALUES_SCHEMA)
    rows = [
        {k: ("" if v is None or v != v else str(v)) for k, v in r.items()}
        for r in indicators.to_dict("records")
    ]
    # a values file that says `demo: true` is demonstration data throughout
    files = {ns: read_json(path) for ns, path in zip(params.namespaces, inp["values"])}
    demo = {ns for ns, v in files.items() if v.get("demo") is True}
    # values that mix real, estimated and demonstration cells (status per value on the series sheet)
    mixed = {ns for ns, v in files.items() if v.get("has_demo") is True or v.get("has_estimate") is True}
    sheets = annex_sheets(
        registry, tables, book.numbers, book.titles, order, rows, load_catalogue(inp.catalogue), demo, mixed
    )
    with atomic_path(out[0]) as tmp:
        tmp.write_bytes(workbook_bytes(sheets))


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
