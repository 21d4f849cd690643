"""Which raw WDI/UNIDO files stage 1 reads: the one list, shared by rules/indicators.smk and the code.

No pandas here (the Snakefile imports this module). Each WDI folder under data/raw/wdi/ is one World
Bank release (data/raw/SOURCES.md); a series key names its release, so a ratio can be checked to use
one release only (:func:`industry_report.indicators.inputs.same_release`).
"""

from __future__ import annotations

from pathlib import Path

# The releases (folders data/raw/wdi/wdi-ddf-<commit>/): the 2025 WDI release, an older release
# with constant-2015-USD MVA for Kazakhstan and the world, and the release with UNIDO's MHT shares.
RELEASE_2025 = "01a34e8b"
RELEASE_KD = "02c2b33f"
RELEASE_UNIDO = "0a0c5b5e"

# series key -> (release, lower-case WDI code, files: KAZ = Kazakhstan only, PEERS = the 11 peers
# (and kaz where no KAZ file exists), global = the world aggregate).
DDF_SERIES = {
    "mva_usd": (RELEASE_2025, "nv_ind_manf_cd", ("KAZ", "PEERS", "global")),
    "manf_share": (RELEASE_2025, "tx_val_manf_zs_un", ("KAZ", "PEERS", "global")),
    "merch": (RELEASE_2025, "tx_val_mrch_cd_wt", ("KAZ", "PEERS", "global")),
    "pop_wdi": (RELEASE_2025, "sp_pop_totl", ("PEERS",)),
    "gdp_usd": (RELEASE_2025, "ny_gdp_mktp_cd", ("PEERS",)),
    "mva_gdp": (RELEASE_2025, "nv_ind_manf_zs", ("PEERS",)),
    "mva_kd": (RELEASE_KD, "nv_ind_manf_kd", ("KAZ", "global")),
    "mht_exports": (RELEASE_UNIDO, "tx_mnf_tech_zs_un", ("KAZ", "PEERS")),
    "mht_va": (RELEASE_UNIDO, "nv_mnf_tech_zs_un", ("KAZ", "PEERS")),
}

# The peer group of the world comparison (lower-case ISO3, as in the files).
PEERS = ("aze", "blr", "chl", "chn", "kgz", "mng", "mys", "pol", "rus", "tur", "uzb")


def ddf_path(raw: str | Path, release: str, code: str, part: str) -> Path:
    """data/raw/wdi/wdi-ddf-<release>/ddf--datapoints--<code>--by--<geo|global>--time[.<part>].csv"""
    by = "global" if part == "global" else "geo"
    tail = "" if part == "global" else f".{part}"
    return Path(raw) / f"wdi/wdi-ddf-{release}/ddf--datapoints--{code}--by--{by}--time{tail}.csv"


def ddf_inputs(raw: str | Path) -> dict[str, Path]:
    """Input name (``<series>_<part>``) -> path, for every file of :data:`DDF_SERIES`."""
    return {
        f"{key}_{part}": ddf_path(raw, rel, code, part)
        for key, (rel, code, parts) in DDF_SERIES.items()
        for part in parts
    }
