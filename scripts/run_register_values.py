"""Entry point of rule register_values: chapters + values -> numbers.json, one CSV per report table,
and the chapters' assembled Markdown in a stable, line-oriented form (results/<year>/<lang>/)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def load_context(value_files, namespaces, report) -> dict:
    from scripts.io import read_json

    context = {ns: read_json(path) for ns, path in zip(namespaces, value_files)}
    context["report"] = dict(report)
    return context


def register(chapters_dir, chapters, context, sources, *, year, lang, out_numbers, out_tables,
             out_markdown, strict=False):
    """Render with tracking and write the registry, table CSVs and stable Markdown."""
    import shutil

    from scripts.errors import TemplateError
    from scripts.io import write_json, write_text
    from scripts.registry import (add_printed_tables, build_registry, render_tracked, table_csvs,
                                  unregistered_messages)
    from scripts.review import stable_markdown

    texts, tracker, errors = render_tracked(chapters_dir, chapters, context, lang)
    if errors:
        raise TemplateError("\n".join(errors))
    registry = build_registry(context, tracker, sources, year=year, lang=lang)
    if registry["unregistered"]:
        messages = unregistered_messages(registry, chapters_dir)
        if strict:
            raise TemplateError("\n".join(messages))
        for msg in messages:  # recorded in numbers.json ("unregistered"); `make check` fails on them
            print(f"WARNING: {msg}", file=sys.stderr)
    for d in (out_tables, out_markdown):
        shutil.rmtree(d, ignore_errors=True)
        Path(d).mkdir(parents=True)
    csvs = table_csvs(tracker)
    add_printed_tables(registry, csvs, texts, tracker)
    for name, text in csvs.items():
        write_text(text, Path(out_tables) / name)
    for ch in chapters:
        write_text(stable_markdown(texts[ch]), Path(out_markdown) / (Path(ch).stem + ".md"))
    write_json(registry, out_numbers)
    return registry


def main(inp, out, params):
    context = load_context(inp["values"], params.namespaces, params.report)
    register(Path(inp.templates[0]).parent, list(params.chapters), context, dict(params.sources),
             year=params.report["year"], lang=params.report["lang"], out_numbers=out.numbers,
             out_tables=out.tables, out_markdown=out.markdown, strict=params.strict)


if __name__ == "__main__":
    snakemake = globals()["snakemake"]  # provided by Snakemake's script: directive
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
