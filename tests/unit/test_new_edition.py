"""tools/new_edition.py: raw-file checksums compared, the changes recorded, the last year of a series."""

import hashlib

from tools import new_edition as ne


def test_changes_are_found_recorded_and_checksums_rewritten(tmp_path):
    raw = tmp_path / "raw"
    (raw / "bns").mkdir(parents=True)
    (raw / "bns/a.csv").write_text("date,value\n2024-12-31,1\n2025-12-31,2\n", encoding="utf-8")
    (raw / "gone.csv").write_text("x\n", encoding="utf-8")
    sums = ne.current(raw)
    ne.write_checksums(sums, raw / "checksums.sha256")
    assert ne.recorded(raw / "checksums.sha256") == sums
    old_a = sums["bns/a.csv"]
    (raw / "bns/a.csv").write_text("date,value\n2025-12-31,2\n2026-12-31,3\n", encoding="utf-8")
    (raw / "gone.csv").unlink()
    (raw / "new.csv").write_text("year,v\n2026,1\n", encoding="utf-8")
    diff = ne.differences(ne.recorded(raw / "checksums.sha256"), ne.current(raw))
    new_a = hashlib.sha256((raw / "bns/a.csv").read_bytes()).hexdigest()
    assert diff == [
        ("bns/a.csv", old_a, new_a),
        ("gone.csv", sums["gone.csv"], None),
        ("new.csv", None, ne.current(raw)["new.csv"]),
    ]
    ne.record_changes(diff, 2026, "2027-03-01", raw / "CHANGES.md")
    text = (raw / "CHANGES.md").read_text(encoding="utf-8")
    assert "## 2027-03-01: edition 2026" in text and f"| bns/a.csv | {old_a} | {new_a} |" in text
    assert "| gone.csv |" in text and "| — |" in text
    assert ne.last_year(raw / "bns/a.csv") == 2026 and ne.last_year(raw / "new.csv") == 2026
    assert "CHANGES.md" not in ne.current(raw)  # the record is not a raw file
