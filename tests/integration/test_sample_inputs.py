"""Bad input to the sample design: a clear error naming file, row and column; nothing written."""

import re
from types import SimpleNamespace

import pytest

from conftest import ROOT, copy_repo, snakemake
from industry_report.core.errors import InputError
from industry_report.core.regions import load_regions
from industry_report.sample import design as sampling

REGIONS = load_regions(ROOT / "config/regions.yaml")
HEADER = "region_code,size,population\n"
GOOD_ROWS = "".join(
    f"{r},{s},{n}\n" for r in ("AKM", "ALA") for s, n in (("small", 300), ("medium", 20), ("large", 10))
)


def write(tmp_path, text, name="pop.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def error_of(path, year=2022):
    with pytest.raises(InputError) as exc:
        sampling.read_population(path, REGIONS, year)
    msg = str(exc.value)
    assert str(path) in msg, msg
    return msg


def test_good_file_reads(tmp_path):
    df = sampling.read_population(write(tmp_path, HEADER + GOOD_ROWS), REGIONS, 2022)
    assert len(df) == 6 and df["population"].sum() == 660


def test_missing_column(tmp_path):
    msg = error_of(write(tmp_path, "region_code,size\nAKM,small\n"))
    assert "row 1, column 'population'" in msg and "missing" in msg


def test_extra_column(tmp_path):
    msg = error_of(write(tmp_path, "region_code,size,population,note\nAKM,small,3,x\n"))
    assert "row 1, column 'note'" in msg and "unexpected column" in msg


def test_unknown_region(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS + "XYZ,small,5\n"))
    assert "row 8, column 'region_code'" in msg and "'XYZ'" in msg and "unknown region code" in msg


def test_region_that_no_longer_exists(tmp_path):
    # South Kazakhstan was split into Turkistan region and Shymkent in 2018.
    rows = "".join(f"YKO,{s},5\n" for s in ("small", "medium", "large"))
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS + rows))
    assert "row 8, column 'region_code'" in msg and "until 2017" in msg and "TRK and SHM" in msg


def test_region_not_yet_created(tmp_path):
    rows = "".join(f"ABY,{s},5\n" for s in ("small", "medium", "large"))
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS + rows), year=2021)
    assert "row 8, column 'region_code'" in msg and "only from 2022" in msg


def test_unknown_size(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS.replace("AKM,medium", "AKM,micro")))
    assert "row 3, column 'size'" in msg and "'micro'" in msg


def test_missing_stratum(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS.replace("ALA,large,10\n", "")))
    assert "column 'size'" in msg and "missing: large" in msg


def test_duplicate_stratum(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS + "AKM,small,7\n"))
    assert "row 8, column 'region_code, size'" in msg and "repeats row 2" in msg


def test_negative_count(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS.replace("AKM,small,300", "AKM,small,-3")))
    assert "row 2, column 'population'" in msg and "≥ 0" in msg and "-3" in msg


def test_non_integer_count(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS.replace("AKM,small,300", "AKM,small,12.5")))
    assert "row 2, column 'population'" in msg and "whole number" in msg and "'12.5'" in msg


def test_empty_cell(tmp_path):
    msg = error_of(write(tmp_path, HEADER + GOOD_ROWS.replace("AKM,small,300", "AKM,small,")))
    assert "row 2, column 'population'" in msg and "empty cell" in msg


def test_empty_file(tmp_path):
    msg = error_of(write(tmp_path, ""))
    assert "row 1" in msg and "empty" in msg


def test_header_only(tmp_path):
    msg = error_of(write(tmp_path, HEADER))
    assert "row 2" in msg and "no data rows" in msg


def test_cp1251_file(tmp_path):
    text = HEADER + GOOD_ROWS + "# Ақмола облысы\n"
    # Kazakh letters are not in cp1251; a Russian comment is, as in files saved by old Excel.
    text = HEADER + GOOD_ROWS.replace("AKM,small,300", "АКМ,small,300")
    msg = error_of(write(tmp_path, text, encoding="cp1251"))
    assert "row 2" in msg and "not valid UTF-8" in msg and "cp1251" in msg


def test_all_problems_reported_at_once(tmp_path):
    text = HEADER + GOOD_ROWS.replace("AKM,small,300", "AKM,small,-1").replace("ALA,large,10", "ALA,large,x")
    msg = error_of(write(tmp_path, text))
    assert "row 2, column 'population'" in msg and "row 7, column 'population'" in msg


def test_published_sample_larger_than_population(tmp_path):
    src = (ROOT / "data/raw/order-260-annex1/active_manufacturing_enterprises_2022.csv").read_text()
    bad = src.replace(
        "KZL,Kyzylorda region,Қызылорда облысы,134,125,4,5,10,8,1,1",
        "KZL,Kyzylorda region,Қызылорда облысы,134,125,4,5,10,8,1,6",
    )
    p = write(tmp_path, bad, "appendix1.csv")
    with pytest.raises(InputError) as exc:
        sampling.read_appendix1(p)
    msg = str(exc.value)
    assert str(p) in msg and re.search(r"row 10, column 'sample_large'", msg) and "no larger than" in msg


def test_required_sample_larger_than_population(tmp_path):
    p = write(tmp_path, HEADER + "AKM,small,150\nAKM,medium,20\nAKM,large,5\n")
    pop = sampling.read_population(p, REGIONS, 2022)
    with pytest.raises(InputError) as exc:
        sampling.check_feasible(pop, sampling.SampleDesign(), p)
    assert "required sample (400) is larger than the population" in str(exc.value)


def test_entry_point_writes_nothing_on_bad_input(tmp_path):
    """The rule's script exits with the message and leaves no output behind."""
    from scripts.compute_sample_allocation import main

    bad = write(tmp_path, HEADER + GOOD_ROWS + "XYZ,small,5\n")
    out = SimpleNamespace(
        allocation=tmp_path / "o/a.csv",
        precision=tmp_path / "o/p.csv",
        comparison=tmp_path / "o/c.csv",
        values=tmp_path / "o/v.json",
    )
    inp = SimpleNamespace(
        population=bad,
        regions=ROOT / "config/regions.yaml",
        sizes=ROOT / "config/size_classes.yaml",
        published=ROOT / "data/raw/order-260-annex1/active_manufacturing_enterprises_2022.csv",
    )
    params = SimpleNamespace(
        population_year=2022,
        design=dict(
            confidence=0.95,
            p=0.5,
            margin=0.04,
            min_per_stratum=1,
            min_total=400,
            allocation="rounded_fraction",
            fraction_decimals=3,
        ),
    )
    with pytest.raises(InputError):
        main(inp, out, params)
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


@pytest.mark.slow
def test_build_fails_cleanly_and_keeps_raw_input(tmp_path):
    """Through Snakemake: one clear message, no Python traceback, no output, raw file untouched."""
    work = copy_repo(tmp_path / "repo")
    pop = work / "data/raw/enterprises/active_manufacturing_2022.csv"
    pop.write_text(pop.read_text().replace("AKM,small,242", "AKM,small,-242"))
    before = pop.read_bytes()
    proc = snakemake(work, "results/2025/tables/sample_allocation.csv", "--config", "year=2025", check=False)
    assert proc.returncode != 0
    err = proc.stderr
    assert (
        "ERROR in step compute_sample_allocation: Invalid input file "
        "data/raw/enterprises/active_manufacturing_2022.csv"
    ) in err
    assert "row 2, column 'population': expected a value ≥ 0, found -242" in err
    assert "Traceback (most recent call last)" not in err
    assert not (work / "results/2025/tables/sample_allocation.csv").exists()
    assert pop.read_bytes() == before
    log = (work / "logs/2025/compute_sample_allocation.log").read_text(encoding="utf-8")
    assert "row 2, column 'population'" in log


def test_config_typo_is_an_error(tmp_path):
    work = copy_repo(tmp_path / "repo")
    proc = snakemake(work, "-n", "--config", "sampel={}", check=False)
    assert proc.returncode != 0
    assert "sampel" in proc.stderr + proc.stdout
