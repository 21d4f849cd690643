# Two commands on a fresh machine (Python 3.11 and make): `make report` and `make test`.
# Both create .venv (anew when its Python is not 3.11) and install the pinned dependencies of
# pyproject.toml, every transitive version fixed by requirements.lock.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all
BASE ?= HEAD
# One edition only: `make report LANGS=ru` (or LANGS=kk; default: `languages` of config/config.yaml).
LANGS ?=
LANG_ARGS := $(if $(LANGS),--config 'languages=[$(LANGS)]')

# A .venv made with another Python than 3.11 (pyproject's requires-python), or whose python no
# longer runs (its interpreter was removed or upgraded), is made anew.
VENV_PYTHON := $(shell [ -e $(VENV) ] && { $(BIN)/python -c 'import sys;print(*sys.version_info[:2], sep=".")' 2>/dev/null || echo broken; })
WRONG_VENV := $(if $(VENV_PYTHON),$(filter-out 3.11,$(VENV_PYTHON)))

.PHONY: setup venv-anew report test test-fast lint bench check diff demo-data instruments idi-intake new-edition clean help

help:
	@echo "make report     build results/<year>/{kk,ru}/national-report.{docx,pdf} (LANGS=ru: one edition)"
	@echo "make test       lint, then the whole test suite (includes end-to-end builds; CI)"
	@echo "make test-fast  lint, then the unit and integration tests (no full build)"
	@echo "make bench      CPU and wall seconds of a cold build, a no-op run, a one-chapter edit; survey and Monte Carlo at scale (RUNS=3)"
	@echo "make check      render and lint every chapter (undefined values, unregistered numbers, syntax)"
	@echo "make diff BASE=<rev>  review bundle against a git revision in results/<year>/review/"
	@echo "make demo-data  regenerate the demonstration data under data/demo/"
	@echo "make instruments  questionnaire (DOCX, PDF), survey entry workbook, IDI expert workbooks"
	@echo "make idi-intake YEAR=<y>  merge data/intake/idi/<y>/*.xlsx into results/intake/idi/answers_<y>.csv"
	@echo "make new-edition YEAR=<year>  check data/raw, record checksums and changes, write config/<year>.yaml"
	@echo "make clean      remove results/ and logs/"

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock $(if $(WRONG_VENV),venv-anew)
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	@[ "$$($(BIN)/python -c 'import sys;print(sys.version_info[:2])')" = "(3, 11)" ] || \
	  { echo "$(PYTHON) is not Python 3.11: set PYTHON=/path/to/python3.11"; rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

venv-anew:
	@echo "$(VENV) has Python $(VENV_PYTHON), not 3.11: making it anew with $(PYTHON)"
	rm -rf $(VENV)

# tools/build.py: one build at a time per tree, recovery after a killed build, a short terminal
# (one line per step, warnings repeated at the end, the documents written or the report kept).
report: $(STAMP)
	@$(BIN)/python -m tools.build --report --cores $(CORES) $(LANG_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q

# Unit and integration tests only (tests/e2e and anything marked e2e or slow left out), on every core;
# a test module stays on one worker, so its fixtures are computed once.
test-fast: lint
	$(BIN)/python -m pytest -q -n auto --dist loadfile tests/unit tests/integration -m "not e2e and not slow"

check: $(STAMP)
	@$(BIN)/python -m tools.build --cores $(CORES) check $(LANG_ARGS)

diff: $(STAMP)
	@$(BIN)/python -m tools.build --cores $(CORES) review --config review='{base: "$(BASE)"}' $(if $(LANGS),'languages=[$(LANGS)]')

# A new edition: raw files checked, checksums and data/raw/CHANGES.md updated, config/<year>.yaml written
# (README, "The yearly cycle, step by step"). `make new-edition YEAR=2026 CHECK=1` only reports.
new-edition: $(STAMP)
	@[ -n "$(YEAR)" ] || { echo "usage: make new-edition YEAR=<year>"; exit 1; }
	$(BIN)/python -m tools.new_edition --year $(YEAR) $(if $(CHECK),--check)

bench: $(STAMP)
	$(BIN)/python -m tools.bench --runs $(or $(RUNS),3) $(if $(QUARTO),--quarto $(QUARTO))

demo-data: $(STAMP)
	@for m in $$(ls tools/demo_*.py 2>/dev/null | xargs -n1 basename | sed 's/\.py$$//'); do \
	  echo "python -m tools.$$m"; $(BIN)/python -m tools.$$m || exit 1; done
	$(BIN)/python -m tools.record_demo_checksums

instruments: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) instruments

YEAR ?= $(shell $(BIN)/python -c 'import yaml;print(yaml.safe_load(open("config/config.yaml"))["year"])')
idi-intake: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) results/intake/idi/answers_$(YEAR).csv

clean:
	rm -rf results logs .snakemake/incomplete .snakemake/build.lock
