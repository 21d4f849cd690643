"""Entry point of rule render_book_config: the Quarto project files of the assembled book."""

import shutil
from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.io import atomic_path, write_text
    from industry_report.core.yaml_input import load_yaml
    from industry_report.publish.context import load_context
    from industry_report.publish.page import load_page
    from industry_report.publish.rendering import quarto_book_config
    from industry_report.publish.templating import make_environment, render_chapter

    # a fault names report/_language-<lang>.yml
    language = load_yaml(inp.language, "language", "language words").data
    load_yaml(inp.references, "references", "list of sources")
    context = load_context(inp["values"], params.namespaces, params.report, inp.get("texts", []))
    quarto = Path(inp.quarto)
    env = make_environment(quarto.parent, lang=params.report["lang"])
    text = render_chapter(env, quarto.name, context)
    write_text(quarto_book_config(text, load_page(inp.page), language, Path(out.quarto).parent), out.quarto)
    # The book is a self-contained Quarto project: the Lua filters, the house typst template
    # (the very files the built-in renderer uses) and the figures, copied in by name.
    copies = [(inp.language, out.language), (inp.reference, out.reference)]
    copies += [(inp.lua_filter, out.lua_filter), (inp.caption_filter, out.caption_filter)]
    copies += [(inp.template, out.template), (inp.extension, out.extension)]
    copies += [(inp.references, out.references), (inp.csl, out.csl)]
    by_name = {Path(f).name: f for f in inp.figures}
    copies += [(by_name[Path(f).name], f) for f in out.figures]
    for src, dst in copies:
        with atomic_path(dst) as tmp:
            shutil.copyfile(src, tmp)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
