"""Enterprise register (the survey's sampling frame) and its demonstration generator.

The register lists every active manufacturing enterprise: ``enterprise_id``, ``name``, ``region_code``,
``size`` (small|medium|large) and ``oked_division`` (OKED / NACE Rev. 2 division, 10-33).
No real register is public, so :func:`make_demo_register` invents one whose counts equal the
population table (region x size) exactly and whose enterprises are spread over the divisions with
size-specific shares that resemble Kazakhstan's manufacturing (many small food, metal-product,
furniture, printing and building-material firms; large firms concentrated in metallurgy, food,
refining and building materials). Identifiers are ``DEMO00001`` ...; names are invented labels.

Counts are numbers of enterprises (no unit of measure); divisions are two-digit OKED codes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import InputError, Problem

SIZES = ("small", "medium", "large")

# OKED (NACE Rev. 2) manufacturing divisions with a short Kazakh name.
DIVISIONS = {
    10: "Тамақ өнімдері", 11: "Сусындар", 12: "Темекі бұйымдары", 13: "Тоқыма бұйымдары",
    14: "Киім", 15: "Былғары және аяқ киім", 16: "Ағаш бұйымдары", 17: "Қағаз өнімдері",
    18: "Полиграфия", 19: "Кокс және мұнай өнімдері", 20: "Химия өнімдері",
    21: "Фармацевтика", 22: "Резеңке және пластмасса", 23: "Басқа бейметалл минералды өнімдер",
    24: "Металлургия", 25: "Дайын металл бұйымдары", 26: "Компьютерлер мен электроника",
    27: "Электр жабдықтары", 28: "Машиналар мен жабдықтар", 29: "Автокөлік құралдары",
    30: "Басқа көлік құралдары", 31: "Жиһаз", 32: "Басқа дайын бұйымдар",
    33: "Жабдықты жөндеу және орнату",
}

# Relative weights of divisions by size class (demonstration assumptions, see data/demo/survey/README.md).
DIVISION_WEIGHTS = {
    "small": {10: 22, 11: 3, 12: 0.1, 13: 3, 14: 6, 15: 1.5, 16: 5, 17: 1.5, 18: 7, 19: 1, 20: 3,
              21: 1, 22: 6, 23: 10, 24: 1.5, 25: 11, 26: 1, 27: 2, 28: 3, 29: 1, 30: 0.5, 31: 6,
              32: 3, 33: 5},
    "medium": {10: 24, 11: 5, 12: 0.3, 13: 2, 14: 3, 15: 1, 16: 3, 17: 2, 18: 3, 19: 3, 20: 5,
               21: 2, 22: 6, 23: 12, 24: 5, 25: 8, 26: 1, 27: 3, 28: 4, 29: 2, 30: 1, 31: 2,
               32: 1, 33: 4},
    "large": {10: 20, 11: 6, 12: 1, 13: 1, 14: 1, 15: 0.5, 16: 1, 17: 2, 18: 1, 19: 7, 20: 6,
              21: 2, 22: 4, 23: 12, 24: 15, 25: 5, 26: 1, 27: 3, 28: 4, 29: 4, 30: 2, 31: 1,
              32: 0.5, 33: 3},
}

POPULATION_SCHEMA = pa.DataFrameSchema({
    "region_code": pa.Column(str),
    "size": pa.Column(str, pa.Check.isin(list(SIZES))),
    "population": pa.Column("int64", pa.Check.ge(0)),
}, unique=["region_code", "size"])

REGISTER_SCHEMA = pa.DataFrameSchema({
    "enterprise_id": pa.Column(str),
    "name": pa.Column(str),
    "region_code": pa.Column(str),
    "size": pa.Column(str, pa.Check.isin(list(SIZES))),
    "oked_division": pa.Column("int64", pa.Check.in_range(10, 33)),
}, unique=["enterprise_id"])


def make_demo_register(population: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Invent a register whose counts equal ``population`` (region_code, size, population).

    Divisions are drawn per stratum as a multinomial with the size class's weights, so every stratum's
    count is exact and the divisions vary realistically between regions.
    """
    rng = np.random.default_rng(seed)
    divs = np.array(sorted(DIVISIONS))
    rows = []
    k = 0
    for rec in population.to_dict("records"):
        w = np.array([DIVISION_WEIGHTS[rec["size"]][d] for d in divs], dtype=float)
        counts = rng.multinomial(int(rec["population"]), w / w.sum())
        for d, c in zip(divs, counts):
            for _ in range(int(c)):
                k += 1
                eid = f"DEMO{k:05d}"
                rows.append({"enterprise_id": eid, "name": f"«Демо-{k:05d}» ЖШС",
                             "region_code": rec["region_code"], "size": rec["size"],
                             "oked_division": int(d)})
    return pd.DataFrame(rows, columns=list(REGISTER_SCHEMA.columns))


def check_register_against_population(register: pd.DataFrame, population: pd.DataFrame,
                                      register_file: str, population_file: str) -> None:
    """Every stratum of the population (or allocation) table must be in the register with the same count.

    ``population`` rows are indexed by their line in ``population_file``; ``register`` rows by line too.
    A stratum in the register but missing from the population table names the register's first line
    of that stratum.
    """
    counts = register.groupby(["region_code", "size"]).size()
    problems_pop, problems_reg = [], []
    keys = set()
    for row, rec in population.iterrows():
        key = (rec["region_code"], rec["size"])
        keys.add(key)
        have = int(counts.get(key, 0))
        if int(rec["population"]) > 0 and have == 0:
            problems_pop.append(Problem(int(row), "region_code, size",
                                        f"the stratum {key[0]}/{key[1]} is missing from the register "
                                        f"{register_file} (expected {int(rec['population'])} enterprises)"))
        elif have != int(rec["population"]):
            problems_pop.append(Problem(int(row), "population",
                                        f"expected the register's count of {key[0]}/{key[1]} ({have}), "
                                        f"found {int(rec['population'])}"))
    if problems_pop:
        raise InputError(population_file, problems_pop)
    for key in counts.index:
        if key not in keys:
            first = register.index[(register["region_code"] == key[0]) & (register["size"] == key[1])][0]
            problems_reg.append(Problem(int(first), "region_code, size",
                                        f"the stratum {key[0]}/{key[1]} is missing from {population_file}"))
    if problems_reg:
        raise InputError(register_file, problems_reg)
