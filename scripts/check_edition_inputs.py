"""Entry point of rule check_edition_inputs: in production mode (survey.demo / idi.demo false) refuse
the demonstration files; record which inputs the edition stands on (file, SHA-256, demonstration).

Inputs: survey register and responses, the IDI answers of every year, data/demo/checksums.sha256.
Params: survey_demo, idi_demo. Output: a JSON record (results/<year>/fieldwork/edition_inputs.json).
"""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import write_json
    from industry_report.instruments.production import read_checksums, refuse_demo, sha256

    survey = {"survey.register_file": [inp.register], "survey.responses_file": [inp.responses]}
    idi = {"idi.answers": list(inp.answers)}
    if not params.survey_demo:
        refuse_demo(survey, inp.checksums, "survey.demo")
    if not params.idi_demo:
        refuse_demo(idi, inp.checksums, "idi.demo")
    known = read_checksums(inp.checksums)
    record = {
        "survey_demo": bool(params.survey_demo),
        "idi_demo": bool(params.idi_demo),
        "files": [
            {"key": key, "file": str(p), "sha256": sha256(p), "demonstration_file": known.get(sha256(p))}
            for key, paths in {**survey, **idi}.items()
            for p in paths
        ],
    }
    write_json(record, out.record)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
