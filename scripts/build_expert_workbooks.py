"""Entry point of rule build_expert_workbooks: one IDI workbook per expert for the report year.

Inputs: codebook, life cycle, instrument words. Params: experts, year. Outputs: one XLSX per expert.
"""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.codelists import load_lifecycle
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.instruments.expert_workbook import expert_workbook_bytes
    from industry_report.instruments.texts import load_texts
    from industry_report.instruments.xlsx import write_bytes

    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    names = {s["id"]: f"{s['name_kk']} / {s['name_ru']}" for s in load_lifecycle(inp.lifecycle)}
    texts = load_texts(inp.texts)
    for expert, path in zip(params.experts, out.workbooks):
        write_bytes(expert_workbook_bytes(cb, texts, expert, int(params.year), names), path)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
