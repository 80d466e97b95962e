# influkit — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8501
HOST ?= localhost
BIN := $(VENV)/bin

.PHONY: run test install install-test lint unit pages browser screenshots datasets schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## Start the app on the sample data: http://$(HOST):$(PORT)
run: install
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(HOST)

## Every check: lint, unit tests, AppTest, browser, workbooks, notebooks.
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The domain's tests (tests/<area>/, tests/*.py), without LibreOffice and the notebooks.
unit: install-test
	$(BIN)/python -m pytest tests --ignore=tests/pages --ignore=tests/ui --ignore=tests/browser \
		-m "not libreoffice and not notebook"

## Every page through AppTest (tests/pages/, tests/ui/), in French and in English.
pages: install-test
	$(BIN)/python -m pytest tests/pages tests/ui

## The flows a trainee follows, in a real browser (tests/browser/).
browser: install-test
	$(BIN)/python -m pytest tests/browser

## A PNG of every page in both languages, in docs/screenshots/.
screenshots: install-test
	$(BIN)/python scripts/screenshots.py --out docs/screenshots

## Rebuild the sample data and the published plan schema.
datasets: install
	$(BIN)/python -m influkit.data.generate

schema: install
	$(BIN)/python -m influkit.plan.schema docs/plan.schema.json

bench: install-test
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
