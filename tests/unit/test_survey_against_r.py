"""Domain shares, their degrees of freedom and Korn-Graubard intervals against R's ``survey``
(``svyciprop(method = "beta")`` and ``degf`` on the subset design). Skipped when R or its ``survey``
package is absent (Debian: ``apt-get install r-cran-survey``)."""

import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from industry_report.survey.estimation import estimate

R_SCRIPT = r"""
library(survey)
d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE)
des <- svydesign(ids = ~1, strata = ~var_stratum, weights = ~w_final, fpc = ~var_pop, data = d)
for (g in sort(unique(d$dom))) {
  s <- subset(des, dom == g)
  ci <- svyciprop(~y, s, method = "beta")
  cat(g, sprintf("%.12g", c(coef(ci), SE(svymean(~y, s)), confint(ci), degf(s))), "\n")
}
"""


def r_available() -> bool:
    if shutil.which("Rscript") is None:
        return False
    ok = subprocess.run(["Rscript", "-e", "library(survey)"], capture_output=True)
    return ok.returncode == 0


@pytest.mark.skipif(not r_available(), reason="R with the survey package is not installed")
def test_domain_intervals_equal_r_survey(tmp_path):
    rng = np.random.default_rng(12)
    strata = np.repeat(["s1", "s2", "s3", "s4"], [30, 20, 8, 5])
    pop = {"s1": 300, "s2": 90, "s3": 20, "s4": 9}
    d = pd.DataFrame(
        {
            "var_stratum": strata,
            "var_pop": [pop[s] for s in strata],
            "w_final": [pop[s] / (strata == s).sum() * rng.uniform(0.8, 1.2) for s in strata],
            "y": rng.binomial(1, 0.35, len(strata)).astype(float),
            # domain "c": a handful of respondents spread over the strata (small df)
            "dom": rng.choice(["a", "b", "c"], len(strata), p=[0.55, 0.35, 0.10]),
        }
    )
    path = tmp_path / "d.csv"
    d.to_csv(path, index=False)
    script = tmp_path / "check.R"
    script.write_text(R_SCRIPT)
    out = subprocess.run(["Rscript", str(script), str(path)], capture_output=True, text=True, check=True)
    r = {ln.split()[0]: [float(x) for x in ln.split()[1:]] for ln in out.stdout.splitlines() if ln.strip()}
    ours = estimate(d, ["y"], by="dom").set_index("domain")
    for g, (est, se, lo, hi, df) in r.items():
        assert ours.at[g, "df"] == int(df)
        assert ours.at[g, "est"] == pytest.approx(est, rel=1e-9)
        assert ours.at[g, "se"] == pytest.approx(se, rel=1e-6)
        assert ours.at[g, "lci"] == pytest.approx(lo, rel=1e-6)
        assert ours.at[g, "uci"] == pytest.approx(hi, rel=1e-6)
