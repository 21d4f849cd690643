"""Entry point of rule compute_recommendations: candidate recommendations + this year's evidence
(survey problem map, IDI gaps) + the editors' decisions -> traceability matrix (CSV) and the
chapter values (JSON)."""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import read_json, write_csv, write_json
    from industry_report.core.yaml_input import load_yaml
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.indicators.catalogue import load_catalogue
    from industry_report.publish.check import typed_numbers
    from industry_report.publish.messages import load_messages
    from industry_report.recommendations.candidates import load_candidates
    from industry_report.recommendations.editorial import apply_editorial, load_editorial
    from industry_report.recommendations.evidence import (
        check_links,
        evidence_matrix,
        indicator_availability,
        question_gaps,
        read_evidence,
    )
    from industry_report.recommendations.selection import select_and_rank, traceability_table
    from industry_report.recommendations.values import build_values
    from industry_report.survey.questionnaire import load_questionnaire

    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    registry = load_catalogue(inp.registry)["indicators"]

    cfg = load_candidates(
        inp.candidates,
        problems={p["id"]: list(p["causes"]) for p in q.problems},
        causes=set(q.causes),
        questions=dict(zip(cb.questions["question"], cb.questions["act"])),
        acts=set(cb.acts),
        indicators={i["id"] for i in registry},
    )
    ev = read_evidence(inp.prevalence, inp.roots, inp.idi_questions, inp.idi_blocks, inp.indicators)
    year = int(params.year)
    available = indicator_availability(ev["indicators"], year, int(cfg["defaults"]["max_indicator_lag"]))
    gaps = question_gaps(
        ev["idi_questions"], ev["idi_blocks"], int(params.year), max_points=max(cb.ternary.values())
    )
    matrix = evidence_matrix(cfg["candidates"], ev["prevalence"], ev["roots"], gaps, available)
    max_sel = None if params.max_selected in (None, 0) else int(params.max_selected)
    ranked = select_and_rank(matrix, max_sel)
    messages = load_messages(inp.messages)
    allowed = load_yaml(inp.typed_numbers, "typed_numbers", "typed numbers", say=messages).data
    editorial = load_editorial(
        inp.editorial,
        check_text=lambda lang, text: typed_numbers(text, allowed, messages),
        candidates={c["id"] for c in cfg["candidates"]},
        selected=set(ranked.loc[ranked["selected"], "id"]),
        messages=messages,
    )
    ranked = apply_editorial(ranked, editorial["drop"])
    check_links(ranked, cfg["candidates"], available)

    names = {
        "problem": {p["id"]: p["kk"] for p in q.problems},
        "cause": {k: c["kk"] for k, c in q.causes.items()},
        "act": {k: a.get("short_kk") or a["kk"] for k, a in cb.acts.items()},
        "question": dict(zip(cb.questions["question"], cb.questions["number"])),
        "indicator": {i["id"]: i["name_kk"] for i in registry},
    }
    values = build_values(
        ranked,
        cfg["candidates"],
        year=int(params.year),
        defaults=cfg["defaults"],
        max_selected=max_sel,
        names=names,
        demo_survey=bool(params.demo_survey),
        demo_idi=bool(params.demo_idi),
        indicators=available,
        key_table=read_json(inp.indicator_values)["key_table"],
        reword=editorial["reword"].get("kk", {}),
    )
    write_csv(traceability_table(ranked), out.table)
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
