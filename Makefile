# The two commands of the README: `make run` and `make test`. Both start with `make setup`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint browser demo check serve load
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

# Lint (ruff: rules and formatting), then the whole suite on SQLite, then again on a
# throwaway PostgreSQL 15 cluster.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --exclude '*/migrations/*' .

test: setup browser lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	scripts/with-postgres.sh $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# A production-like server: gunicorn, WhiteNoise, DEBUG off, on 127.0.0.1 (no HTTPS).
serve: demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 HTTPS=0 ALLOWED_HOSTS=127.0.0.1,localhost BIND=$(HOST):$(PORT) \
	SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# The analyst's journey under load against `make serve` on this machine, bounded.
USERS ?= 50
DURATION ?= 60s
load: setup
	$(BIN)/python -c 'import locust' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[load]'
	$(BIN)/locust -f scripts/locustfile.py --headless --users $(USERS) --spawn-rate 10 \
	    --run-time $(DURATION) --host http://127.0.0.1:$(PORT) --only-summary
