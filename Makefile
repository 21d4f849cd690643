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

# A .venv made with another Python than 3.11 (pyproject's requires-python) is made anew.
VENV_PYTHON := $(shell [ -x $(BIN)/python ] && $(BIN)/python -c 'import sys;print(*sys.version_info[:2], sep=".")')
WRONG_VENV := $(if $(VENV_PYTHON),$(filter-out 3.11,$(VENV_PYTHON)))

.PHONY: setup venv-anew report test test-fast lint bench check diff demo-data clean help

help:
	@echo "make report     build results/<year>/kk/national-report.{docx,pdf}"
	@echo "make test       lint, then the whole test suite (includes end-to-end builds; CI)"
	@echo "make test-fast  lint, then the unit and integration tests (no full build)"
	@echo "make bench      CPU and wall seconds of a cold build, a no-op run, a one-chapter edit; survey and Monte Carlo at scale (RUNS=3)"
	@echo "make check      render and lint every chapter (undefined values, unregistered numbers, syntax)"
	@echo "make diff BASE=<rev>  review bundle against a git revision in results/<year>/review/"
	@echo "make demo-data  regenerate the demonstration data under data/demo/"
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
	@echo "$(VENV) has Python $(VENV_PYTHON), not 3.11: making it anew"
	rm -rf $(VENV)

report: $(STAMP)
	$(BIN)/snakemake --cores $(CORES)

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
	$(BIN)/snakemake --cores $(CORES) check

diff: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) review --config review='{base: "$(BASE)"}'

bench: $(STAMP)
	$(BIN)/python -m tools.bench --runs $(or $(RUNS),3)

demo-data: $(STAMP)
	@for m in $$(ls tools/demo_*.py 2>/dev/null | xargs -n1 basename | sed 's/\.py$$//'); do \
	  echo "python -m tools.$$m"; $(BIN)/python -m tools.$$m || exit 1; done

clean:
	rm -rf results logs .snakemake/incomplete
