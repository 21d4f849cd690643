"""Entry point of rule compute_recommendations: candidate recommendations + this year's evidence
(survey problem map, IDI gaps) + the editors' decisions -> traceability matrix (CSV) and the
chapter values (JSON)."""
from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    import yaml

    from industry_report.idi import scoring as idi
    from industry_report.recommendations import selection as rec
    from industry_report.core.io import write_csv, write_json
    from industry_report.survey.estimation import load_questionnaire

    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    cb = idi.load_codebook_in_order(inp.codebook, inp.lifecycle)
    registry = yaml.safe_load(Path(inp.registry).read_text(encoding="utf-8"))["indicators"]

    cfg = rec.load_candidates(
        inp.candidates,
        problems={p["id"]: list(p["causes"]) for p in q.problems},
        links=[tuple(x) for x in q.links],
        questions=dict(zip(cb.questions["question"], cb.questions["act"])),
        acts=set(cb.acts), indicators={i["id"] for i in registry})
    ev = rec.read_evidence(inp.prevalence, inp.roots, inp.idi_questions, inp.idi_blocks)
    gaps = rec.question_gaps(ev["idi_questions"], ev["idi_blocks"], int(params.year),
                             max_points=max(cb.ternary.values()))
    matrix = rec.evidence_matrix(cfg["candidates"], ev["prevalence"], ev["roots"], gaps)
    max_sel = None if params.max_selected in (None, 0) else int(params.max_selected)
    ranked = rec.select_and_rank(matrix, max_sel)
    editorial = rec.load_editorial(inp.editorial, candidates={c["id"] for c in cfg["candidates"]},
                                   selected=set(ranked.loc[ranked["selected"], "id"]))
    ranked = rec.apply_editorial(ranked, editorial["drop"])

    names = {"problem": {p["id"]: p["kk"] for p in q.problems},
             "cause": {k: c["kk"] for k, c in q.causes.items()},
             "act": {k: a.get("short_kk") or a["kk"] for k, a in cb.acts.items()},
             "indicator": {i["id"]: i["name_kk"] for i in registry}}
    values = rec.build_values(ranked, cfg["candidates"], year=int(params.year), defaults=cfg["defaults"],
                              max_selected=max_sel, names=names, demo_survey=bool(params.demo_survey),
                              demo_idi=bool(params.demo_idi),
                              reword=editorial["reword"].get("kk", {}))
    write_csv(rec.traceability_table(ranked), out.table)
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
