# Oversight: `make demo` to try it, `make test` to run every test, `make` alone for the list.
# See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
UV := python3 -m uv
PORT ?= 8000
DEMO_TODAY ?= 2022-07-20## the day the demo runs as at: before the July 2022 committee
export PORT
# Tests run on every core (pytest-xdist); PYTEST_ARGS="-n 0 -k NAME" runs some in one process.
PYTEST_ARGS ?= -n auto

.PHONY: help demo test install assets chromium office redis wrk lint format clean serve check load ingest-eval

help: ## This list: what each command does
	@echo "Oversight. Start with 'make demo' (try it) or 'make test' (every test)."
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/g' | \
	  awk -F ':.*## ' '{ printf "  make %-14s %s\n", $$1, $$2 }'

demo: install assets ## Install, load the demo on SQLite and serve it on http://127.0.0.1:$(PORT)
	OVERSIGHT_DEMO=1 OVERSIGHT_TODAY=$(DEMO_TODAY) OVERSIGHT_BASE_URL=http://127.0.0.1:$(PORT) \
		$(VENV)/bin/oversight demo --port $(PORT)

test: install assets chromium office redis ## Install what is needed and run every test
	$(PY) -m pytest $(PYTEST_ARGS)

ingest-eval: install ## How the readers do on the real documents in tests/ingest/real (MISSES=1: each miss)
	$(PY) -m tests.ingest.corpus $(if $(MISSES),--misses,)

bench-reading: install ## Time the readers on every corpus document as text and PDF, the fixtures and a long report; write bench/reading.md (target: p95 under 2 s per file)
	$(PY) -m bench.reading $(READING_ARGS)

load: install assets redis wrk ## 50 simulated people for two minutes, then throughput beside a constant page; writes bench/load.md (LOAD_ARGS="--servers 2": two app servers on PostgreSQL)
	$(PY) -m bench.load $(LOAD_ARGS)

bench: install ## Build the bench data at scales 0.1 and 1.0 (cached in var/bench), measure, write bench/results.md (PostgreSQL too when DATABASE_URL is set)
	$(PY) -m bench.run $(BENCH_ARGS)

check: install ## Lint, formatting, migrations, the layers (import-linter) and the types (mypy)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/oversight makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

install: $(VENV)/.installed node_modules/.installed ## Install Python and npm dependencies (uv, npm ci), as locked

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv \
	  || python3 -m pip install --quiet --user uv \
	  || python3 -m pip install --quiet --break-system-packages uv
	$(UV) sync --frozen --python 3.11 --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: build/static/css/app.css ## Build the CSS and JavaScript (GOV.UK Frontend)

build/static/css/app.css: node_modules/.installed frontend/app.scss frontend/app.mjs frontend/build.mjs
	node frontend/build.mjs

chromium: ## Debian's Chromium for the browser tests (Playwright's own download does not work here)
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null; }

redis: ## Debian's redis-server (the shared-cache tests start their own, on loopback)
	@command -v redis-server >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

wrk: ## Debian's wrk, the load generator of make load's throughput rounds
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

office: ## LibreOffice (the Word file must open in it) and poppler (PDF pages as images)
	@command -v libreoffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null; }

serve: install assets ## Serve the app as it is (no demo data loaded) on http://127.0.0.1:$(PORT)
	$(VENV)/bin/oversight serve --port $(PORT)

lint: check ## The same as make check

format: ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

clean: ## Remove what make installed and built (.venv, node_modules, build, var)
	rm -rf $(VENV) node_modules build var
