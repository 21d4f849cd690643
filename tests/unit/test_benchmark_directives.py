"""Every rule that runs a job records its time (issue 19): `make bench` and a developer read per-rule
CPU seconds, wall seconds and peak memory from the `benchmark:` files, so a rule without one is a
blind spot. Rules that only gather inputs (no script:, run: or shell:) run nothing and need none."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rules() -> dict[str, str]:
    """{rule name: its text} of every rule in the Snakefile and rules/*.smk."""
    out = {}
    for path in [ROOT / "Snakefile", *sorted((ROOT / "rules").glob("*.smk"))]:
        text = path.read_text(encoding="utf-8")
        parts = re.split(r"^rule (\w+):\n", text, flags=re.M)
        for name, body in zip(parts[1::2], parts[2::2]):
            # a rule's body is its indented lines; the next top-level line ends it
            out[name] = re.split(r"^\S", body, maxsplit=1, flags=re.M)[0]
    return out


def runs_a_job(body: str) -> bool:
    return bool(re.search(r"^    (script|run|shell):", body, flags=re.M))


def test_the_parser_sees_the_rules():
    found = rules()
    assert "render_chapter" in found and runs_a_job(found["render_chapter"])
    assert "all" in found and not runs_a_job(found["all"])


def test_every_rule_that_runs_a_job_has_a_benchmark_file():
    missing = [name for name, body in rules().items() if runs_a_job(body) and "    benchmark:\n" not in body]
    assert missing == [], f"rules without a benchmark: directive: {missing}"
