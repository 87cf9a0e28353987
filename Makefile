# Brandwache: `make run` starts it, `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-sqlite test-postgres lint format bench messages clean

run: $(VENV)/.installed
	$(BIN)/brandwache serve

test: $(VENV)/.installed-test system-packages lint
	$(BIN)/python -m pytest -q
	BRANDWACHE_TEST_DB=postgres $(BIN)/python -m pytest -q

test-sqlite: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

test-postgres: $(VENV)/.installed-test system-packages
	BRANDWACHE_TEST_DB=postgres $(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/brandwache makemigrations --check --dry-run >/dev/null

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-test
	$(BIN)/python bench/import_mbox.py
	$(BIN)/python bench/inbox.py
	$(BIN)/python bench/pii.py
	$(BIN)/python bench/triage.py
	$(BIN)/python bench/sla_worker.py
	$(BIN)/python bench/suggest.py

messages: $(VENV)/.installed-test
	for app in brandwache/*/locale; do (cd $$app/.. && ../../$(BIN)/django-admin compilemessages); done

system-packages:
	scripts/install-system-packages

$(VENV)/bin/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
