# Parley: `make run` sets everything up and serves on HOST:PORT; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
export HOST PORT WORKERS

.PHONY: run serve deps frontend db migrate rollback test test-python test-frontend test-e2e lint audit bench soak clean

$(VENV)/.deps: backend/requirements.txt backend/requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r backend/requirements.txt -r backend/requirements-dev.txt
	touch $@

deps: $(VENV)/.deps

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

db: deps
	PY=$(PY) db/ensure-mariadb.sh
	cd backend && ../$(PY) -m app.manage create-db
	cd backend && ../$(PY) -m app.manage migrate

migrate: db

rollback: deps
	cd backend && ../$(PY) -m app.manage rollback

run: deps frontend db serve

serve:
	cd backend && SEED_DEMO_USERS=$${SEED_DEMO_USERS:-true} ../$(PY) -m app.serve

test: deps frontend test-python test-frontend test-e2e

test-python: deps
	PY=$(PY) db/ensure-mariadb.sh
	$(PY) -m pytest

test-frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run typecheck && npm test

test-e2e: deps frontend
	PY=$(PY) tests/e2e/run.sh

lint: deps
	$(VENV)/bin/ruff check backend tests
	$(VENV)/bin/ruff format --check backend tests
	cd backend && ../$(VENV)/bin/mypy app
	cd frontend && npm run typecheck

# Known advisories of the pinned dependencies. Apart from lint: it needs PyPI's and npm's advisory
# services, which a registry proxy may not serve (on the development VM pip-audit finds no
# per-version page for aiohttp and a dozen others, and npm's bulk audit endpoint answers 405).
audit: deps
	# CVE-2024-23342 (ecdsa, via python-jose) does not apply: Parley signs and verifies HS256 only.
	$(VENV)/bin/pip-audit --strict -r backend/requirements.txt \
		--ignore-vuln GHSA-wj6h-64fc-37mp --ignore-vuln PYSEC-2026-1325
	cd frontend && npm audit --omit=dev

bench: deps db frontend
	$(PY) -m pip install -q --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/run.py $(if $(FULL),--full,)
	node bench/widget_cost.mjs

# Endurance: SOAK_MINUTES (default 30) of mixed load; fails on loss, duplicates, p99 or RSS drift.
soak: deps db frontend
	$(PY) -m pip install -q --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/soak.py --minutes $${SOAK_MINUTES:-30}

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
