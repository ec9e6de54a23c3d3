# The two commands of the README: `make run` and `make test`. Both start with `make setup`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test browser demo check
.DEFAULT_GOAL := run

setup: $(STAMP)

# Reinstall whenever the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ingest articles/demo/*.json

run: demo
	DEBUG=1 $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

browser:
	@scripts/ensure-chromium.sh

# The whole suite on SQLite, then again on a throwaway PostgreSQL 15 cluster.
test: setup browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	scripts/with-postgres.sh $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)
