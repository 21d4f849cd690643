"""make bench prints each figure against its target of issue 19 (tools/bench.py verdicts)."""

from tools.bench import TARGETS, verdicts


def record(
    cold_kk=20.0, cold=40.0, edit=2.5, noop_wall=1.6, quarto=6.0, survey=2.0, mc_cpu=1.0, mc_mib=(300, 600)
):
    fig = lambda cpu, wall=1.0: {"cpu_s": cpu, "wall_s": wall}  # noqa: E731
    return {
        "figures": {
            "cold_build_kk": fig(cold_kk),
            "cold_build": fig(cold),
            "one_chapter_edit": fig(edit),
            "no_op": fig(0.5, noop_wall),
        },
        "quarto_vs_builtin": {"ratio_cpu": quarto},
        "scale": {
            "survey": {
                "rows": [
                    {"size": "1x", "problem_map_vs_first": 1.0},
                    {"size": "100x", "problem_map_vs_first": survey},
                ]
            },
            "idi_mc": {"rows": [{"cpu_s": mc_cpu, "peak_alloc_mib": mc_mib[0], "peak_rss_mib": mc_mib[1]}]},
        },
    }


def test_each_target_is_judged_on_its_own_measure_and_direction():
    v = verdicts(record())
    assert set(v) == set(TARGETS)
    assert v["cold_build_kk"] == {"value": 20.0, "bound": 25.0, "kind": "max", "met": True}
    assert v["cold_build"]["met"] is False  # 40 s CPU > 35
    assert v["one_chapter_edit"]["met"] is True
    assert v["no_op"]["value"] == 1.6 and v["no_op"]["met"] is False  # the no-op is judged on wall seconds
    assert v["quarto_vs_builtin"]["met"] is True  # a ratio that must be at least 5
    assert v["survey_100x_problem_map_vs_1x"]["met"] is True
    assert v["idi_mc_1e6_cpu_s"]["met"] is True
    # memory: the larger of the allocation peak and the process peak, 600 MiB > 500
    assert v["idi_mc_1e6_peak_mib"] == {"value": 600, "bound": 500.0, "kind": "max", "met": False}


def test_a_figure_not_measured_is_neither_met_nor_failed():
    r = record(quarto=5.0)
    del r["figures"]["cold_build_kk"]
    r["quarto_vs_builtin"] = None
    r["scale"] = {}
    v = verdicts(r)
    assert v["cold_build_kk"]["met"] is None and v["quarto_vs_builtin"]["value"] is None
    assert v["idi_mc_1e6_cpu_s"]["met"] is None
    assert verdicts(record(quarto=5.0))["quarto_vs_builtin"]["met"] is True  # the bound itself is met
