# `make run` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
TB := $(BIN)/taskbook
PG_URL ?= postgres://postgres@127.0.0.1:5432/taskbook
# Debian packages the tests need: a browser for Playwright, CJK fonts for PDFs, pdftotext, msgfmt.
TEST_DEBS := chromium fonts-noto-cjk poppler-utils gettext

.PHONY: run test install lint typecheck test-sqlite test-postgres postgres debs messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements-dev.txt pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

messages: install
	cd taskbook && DEBUG=1 ../$(TB) compilemessages >/dev/null

run: install messages
	@mkdir -p var
	DEBUG=1 $(TB) migrate --no-input
	DEBUG=1 $(TB) collectstatic --no-input >/dev/null
	DEBUG=1 $(TB) demo
	DEBUG=1 $(TB) serve

debs:
	@missing=""; for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
	  echo "PostgreSQL did not start on 127.0.0.1:5432"; exit 1

lint: install
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(TB) makemigrations --check --dry-run
	DEBUG=1 $(TB) check

# The whole package, then the actions and read rules of every app under --strict.
STRICT := taskbook/*/actions.py taskbook/*/querysets.py taskbook/orgs/permissions.py taskbook/orgs/actors.py taskbook/visibility.py

typecheck: install
	DEBUG=1 $(BIN)/mypy
	DEBUG=1 $(BIN)/mypy --strict --follow-imports=silent $(STRICT)

test-sqlite: install debs messages
	$(BIN)/pytest

test-postgres: install debs messages postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

test: lint typecheck test-sqlite test-postgres

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) var
