"""Record the SHA-256 of every demonstration file (data/demo/checksums.sha256), so that production
mode (survey.demo / idi.demo false) recognises them by content. Run after the demo generators
(`make demo-data` does)."""

from pathlib import Path

from industry_report.instruments.production import write_checksums

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
OUT = DEMO / "checksums.sha256"


def demo_files() -> list[Path]:
    return [p for p in DEMO.rglob("*") if p.is_file() and p.suffix != ".md" and p != OUT]


def main() -> None:
    header = (
        "# SHA-256 of the demonstration files (tools/record_demo_checksums.py); "
        "production mode refuses them.\n"
    )
    OUT.write_text(header + write_checksums(demo_files(), ROOT), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
