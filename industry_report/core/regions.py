"""The region code list (config/regions.yaml): names by language and year, and border history.

Statistics are published for units that changed: South Kazakhstan (YKO) was split into Turkistan
region (TRK) and Shymkent (SHM) in 2018; Abai (ABY), Zhetisu (ZHT) and Ulytau (ULT) were created in
2022; Astana was called Nur-Sultan in 2019-2022. These helpers answer which units exist in a year,
what a unit was called then, and which units must not be added together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from industry_report.core.yaml_input import load_yaml


@dataclass(frozen=True)
class Region:
    code: str
    kind: str
    names: dict  # lang -> current name
    valid_from: int
    valid_to: int | None = None
    former_names: tuple = ()
    split_into: tuple = ()
    split_from: str | None = None

    def exists_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    def name(self, lang: str = "kk", year: int | None = None) -> str:
        if year is not None:
            for old in self.former_names:
                if old["from"] <= year <= old["to"]:
                    return old[f"name_{lang}"]
        return self.names[lang]


@dataclass
class RegionList:
    regions: dict = field(default_factory=dict)  # code -> Region, in file order

    def __getitem__(self, code: str) -> Region:
        return self.regions[code]

    def __contains__(self, code: str) -> bool:
        return code in self.regions

    def codes(self) -> list[str]:
        return list(self.regions)

    def existing(self, year: int) -> list[str]:
        """Codes of the units that exist in their own right in ``year``."""
        return [c for c, r in self.regions.items() if r.exists_in(year)]

    def why_not(self, code: str, year: int) -> str | None:
        """None if ``code`` is a valid unit in ``year``; otherwise the reason, for error messages."""
        if code not in self.regions:
            return f"an unknown region code (known codes: {', '.join(self.regions)})"
        r = self.regions[code]
        if year < r.valid_from:
            src = f" (it was part of {r.split_from})" if r.split_from else ""
            return f"{code} ({r.names['en']}) exists only from {r.valid_from}{src}"
        if r.valid_to is not None and year > r.valid_to:
            into = f"; use {' and '.join(r.split_into)}" if r.split_into else ""
            return f"{code} ({r.names['en']}) exists only until {r.valid_to}{into}"
        return None

    def non_overlapping(self, codes: list[str], year: int) -> list[str]:
        """Drop units whose territory is already counted by others in ``codes`` for ``year``.

        In the years a split region is valid, its successors' back-calculated rows are dropped;
        after the split the old region is dropped. A regional total never adds a region to its parts.
        """
        keep = []
        for c in codes:
            r = self.regions.get(c)
            if r is None:
                keep.append(c)
                continue
            if r.split_from and not r.exists_in(year) and r.split_from in codes:
                continue  # a successor recalculated backwards while the parent still existed
            if r.split_into and not r.exists_in(year):
                continue  # the parent after its split
            keep.append(c)
        return keep


def load_regions(path: str | Path) -> RegionList:
    """Read config/regions.yaml (validated by config/schemas/regions.schema.yaml)."""
    doc = load_yaml(path, "regions", "region code list")
    out = RegionList()
    for i, rec in enumerate(doc.data["regions"]):
        if rec["code"] in out.regions:
            raise doc.error(["regions", i, "code"], f"the code {rec['code']!r} is listed twice")
        out.regions[rec["code"]] = Region(
            code=rec["code"],
            kind=rec["kind"],
            names={lang: rec[f"name_{lang}"] for lang in ("kk", "ru", "en")},
            valid_from=int(rec["valid_from"]),
            valid_to=rec.get("valid_to"),
            former_names=tuple(rec.get("names", ())),
            split_into=tuple(rec.get("split_into", ())),
            split_from=rec.get("split_from"),
        )
    for i, rec in enumerate(doc.data["regions"]):
        for key in ("split_from", "split_into"):
            refs = rec.get(key) or []
            for j, ref in enumerate([refs] if isinstance(refs, str) else refs):
                if ref not in out.regions:
                    keys = ["regions", i, key] + ([] if isinstance(refs, str) else [j])
                    raise doc.error(keys, f"expected a code of this list, found {ref!r}")
    return out
