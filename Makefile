# Two commands on a fresh machine (Python 3.11 and make): `make report` and `make test`.
# Both create .venv and install the pinned dependencies of pyproject.toml first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all
BASE ?= HEAD

.PHONY: setup report test bench check diff demo-data clean help

help:
	@echo "make report     build results/<year>/kk/national-report.{docx,pdf}"
	@echo "make test       run the test suite (includes an end-to-end build)"
	@echo "make bench      time a cold build, a no-op run and a one-chapter rebuild"
	@echo "make check      render and lint every chapter (undefined values, unregistered numbers, syntax)"
	@echo "make diff BASE=<rev>  review bundle against a git revision in results/<year>/review/"
	@echo "make demo-data  regenerate the demonstration data under data/demo/"
	@echo "make clean      remove results/ and logs/"

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/snakemake --cores $(CORES)

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) check

diff: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) review --config review='{base: "$(BASE)"}'

bench: $(STAMP)
	$(BIN)/python -m tools.bench

demo-data: $(STAMP)
	@for m in $$(ls tools/demo_*.py 2>/dev/null | xargs -n1 basename | sed 's/\.py$$//'); do \
	  echo "python -m tools.$$m"; $(BIN)/python -m tools.$$m || exit 1; done

clean:
	rm -rf results logs .snakemake/incomplete
