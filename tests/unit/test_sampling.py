"""Sample design of Order No. 260: formula, allocation rule, precision, and the golden Appendix 1."""

import math

import pandas as pd
import pytest

from conftest import ROOT
from industry_report.sample import design as sampling
from industry_report.sample.design import SampleDesign

POP = ROOT / "data/raw/enterprises/active_manufacturing_2022.csv"
APPENDIX1 = ROOT / "data/raw/order-260-annex1/active_manufacturing_enterprises_2022.csv"


def test_z_from_confidence():
    assert SampleDesign(confidence=0.95).z == 1.96
    assert SampleDesign(confidence=0.99).z == 2.58


def test_sample_size_by_hand():
    # 1.96² · 0.25 · 8892 / (0.04² · 8892 + 1.96² · 0.25) = 8539.8768 / 15.1876 = 562.29...
    n = sampling.sample_size(8892, 1.96, 0.5, 0.04)
    assert n == pytest.approx(8539.8768 / 15.1876, rel=1e-9)
    assert round(n, 1) == 562.3
    # Without the finite-population correction the same formula tends to Z²pq/Δ² = 600.25.
    assert sampling.sample_size(10**9, 1.96, 0.5, 0.04) == pytest.approx(600.25, rel=1e-5)


def test_round_half_up_not_bankers():
    assert sampling.round_half_up(2.5) == 3
    assert sampling.round_half_up(0.5) == 1
    assert sampling.round_half_up(1.49) == 1


def test_fraction_is_rounded_and_minimum_total_applies():
    n, f = sampling.sampling_fraction(8892, SampleDesign())
    assert f == 0.063 and n == pytest.approx(562.29, abs=0.01)
    n, f = sampling.sampling_fraction(1000, SampleDesign(margin=0.1))  # formula gives 88 < 400
    assert n == 400 and f == 0.4


def test_allocation_small_example_by_hand():
    pop = pd.DataFrame(
        {
            "region_code": ["A", "A", "A", "B", "B", "B"],
            "size": ["small", "medium", "large"] * 2,
            "population": [1000, 30, 0, 500, 8, 2],
        }
    )
    d = SampleDesign(min_total=100, margin=0.2)  # n = 23.5 -> raised to 100; f = 100/1540 -> 0.065
    out = sampling.allocate(pop, d)
    # 0.065·1000 = 65; 0.065·30 = 1.95 -> 2; empty stratum 0; 0.065·500 = 32.5 -> 33 (half up);
    # 0.065·8 = 0.52 -> 1; 0.065·2 = 0.13 -> minimum 1.
    assert out["sample"].tolist() == [65, 2, 0, 33, 1, 1]


def test_allocation_never_exceeds_stratum():
    pop = pd.DataFrame(
        {"region_code": ["A"] * 3, "size": ["small", "medium", "large"], "population": [400, 1, 1]}
    )
    out = sampling.allocate(pop, SampleDesign(min_per_stratum=3))
    assert (out["sample"] <= out["population"]).all()


def test_golden_appendix1_all_51_cells():
    """The default rule reproduces every published cell of Appendix 1, and the total 568."""
    pop = pd.read_csv(POP)
    published = sampling.published_long(pd.read_csv(APPENDIX1))
    alloc = sampling.allocate(pop, SampleDesign())
    assert len(alloc) == 51
    merged = alloc.merge(published, on=["region_code", "size", "population"], suffixes=("", "_pub"))
    assert len(merged) == 51
    assert (merged["sample"] == merged["sample_pub"]).all()
    assert alloc["sample"].sum() == 568
    assert alloc.groupby("size")["sample"].sum().to_dict() == {"small": 515, "medium": 31, "large": 22}


def test_exact_fraction_differs_in_one_cell():
    pop = pd.read_csv(POP)
    published = sampling.published_long(pd.read_csv(APPENDIX1))
    diff = sampling.compare_with_published(
        sampling.allocate(pop, SampleDesign(method="exact_fraction")), published
    )
    assert diff[["region_code", "size", "computed", "published", "difference"]].values.tolist() == [
        ["ALA", "small", 133, 132, 1]
    ]


def test_margin_of_error_by_hand():
    # One stratum: N = 100, n = 20, p = 0.5: 1.96·sqrt((1 - 0.2)·100/99·0.25/20) = 0.19702...
    alloc = pd.DataFrame({"population": [100], "sample": [20]})
    expected = 1.96 * math.sqrt(0.8 * 100 / 99 * 0.25 / 20)
    assert sampling.margin_of_error(alloc, 1.96) == pytest.approx(expected)
    # A census has no sampling error.
    assert sampling.margin_of_error(pd.DataFrame({"population": [5], "sample": [5]}), 1.96) == 0


def test_precision_of_the_2022_design():
    alloc = sampling.allocate(pd.read_csv(POP), SampleDesign())
    prec = sampling.precision_table(alloc, 1.96).set_index(["group", "key"])
    # Stratification with the minimum per stratum keeps the total close to the design's 4%.
    assert prec.loc[("total", "total"), "moe"] == pytest.approx(0.0401, abs=0.0005)
    assert prec.loc[("total", "total"), "sample"] == 568
    # Smaller groups are less precise.
    assert prec.loc[("size", "large"), "moe"] > prec.loc[("size", "small"), "moe"]
    assert len(prec.loc["region"]) == 17


def test_register_division_of_the_2022_register():
    """The register of 1 January 2022: 14 regions and 3 cities (the official division before June
    2022); Abai, Zhetisu and Ulytau still inside the regions they were split from; today's names."""
    from industry_report.core.regions import load_regions

    regions = load_regions(ROOT / "config/regions.yaml")
    codes = list(pd.read_csv(POP)["region_code"].unique())
    d = sampling.register_division(codes, regions, 2022)
    assert (d["n"], d["n_oblast"], d["n_city"]) == (17, 14, 3)
    assert d["later"] == [
        {"name_kk": "Абай облысы", "parent_kk": "Шығыс Қазақстан облысы"},
        {"name_kk": "Жетісу облысы", "parent_kk": "Алматы облысы"},
        {"name_kk": "Ұлытау облысы", "parent_kk": "Қарағанды облысы"},
    ]
    # A register of today's division has nothing to note.
    today = [c for c in regions.codes() if regions[c].exists_in(2025)]
    assert len(today) == 20 and sampling.register_division(today, regions, 2025)["later"] == []


def test_region_names_of_the_design_are_todays():
    """The 2022 register's capital is printed with today's name, as the report is read today."""
    from industry_report.core.codelists import load_sizes
    from industry_report.core.regions import load_regions

    regions = load_regions(ROOT / "config/regions.yaml")
    population = sampling.read_population(POP, regions, 2022)
    published = sampling.read_appendix1(APPENDIX1)
    sizes = load_sizes(ROOT / "config/size_classes.yaml")
    values = sampling.design_values(population, published, SampleDesign(), regions, 2022, sizes)
    names = {r["region_code"]: r["region_kk"] for r in values["by_region"]}
    assert regions["AST"].name("kk", 2022) == "Нұр-Сұлтан қаласы"  # the register year's name ...
    assert names["AST"] == "Астана қаласы"  # ... is not the one printed
    assert values["division"]["n"] == values["n_regions"] == 17
