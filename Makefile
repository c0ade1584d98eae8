# Two entry points a researcher needs: `make lab` and `make test`.
# Only Python 3.11+ and make are required; everything else goes into .venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.accords-installed
# Jupyter refuses to start as root unless told; CI and containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_PORT ?= 8888

.PHONY: help install lab test lint unit notebooks site clean

help:
	@echo "make lab        set up .venv if needed and open JupyterLab on notebooks/"
	@echo "make test       set up .venv if needed, then lint, unit tests and notebook tests"
	@echo "make notebooks  execute every notebook headless, saving outputs in place"
	@echo "make site       build a static HTML site of the notebooks in build/site (offline)"
	@echo "make clean      remove .venv and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes (a second `make test` installs nothing).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --port=$(LAB_PORT) $(ROOT_FLAG)

lint: $(STAMP)
	$(BIN)/ruff check $(wildcard src tests benchmarks notebooks)

unit: $(STAMP)
	$(BIN)/python -m pytest tests

test: lint
	$(BIN)/python -m pytest tests notebooks

# Widget state is not saved: the review panel needs a live kernel, and its state would add
# tens of kilobytes to notebook 02.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 \
		--ExecutePreprocessor.store_widget_state=False \
		--ExecutePreprocessor.record_timing=False \
		notebooks/*.ipynb

# The notebooks as they were saved (nothing is run), one page each plus an index; offline.
site: $(STAMP)
	$(BIN)/python -m accords.charts.site build/site

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build/site
