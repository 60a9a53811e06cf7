# The two commands: `make run` and `make test`. Everything else here is what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
SAMPLE := sample_data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup data assets lint format browser benchmark benchmark-data benchmark-pages clean

# The server, and the background worker that reads uploads beside it; Ctrl-C stops both.
run: setup data
	PY=$(PY) bash scripts/run.sh $(HOST):$(PORT)

test: setup $(STAMPS)/dev browser
	bash scripts/test.sh

setup: $(STAMPS)/venv $(STAMPS)/assets

$(STAMPS)/venv: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

# Test, lint and architecture tools, over the runtime packages.
$(STAMPS)/dev: $(STAMPS)/venv requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/assets: package.json package-lock.json static/scss/app.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build:css
	@mkdir -p $(STAMPS) && touch $@

# Database schema, the 153 authorities, Ofsted's official statistics and the sample documents.
# Every step is idempotent: running it again changes nothing.
data: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_authorities
	$(PY) manage.py load_themes
	$(PY) manage.py build_theme_model --if-missing
	$(PY) manage.py import_outcomes $(SAMPLE)/ofsted-la-inspection-outcomes-2025-03-31.ods
	$(PY) manage.py ingest $(SAMPLE)/documents

# Debian's Chromium for the browser tests, installed where missing and possible.
browser:
	bash scripts/ensure-chromium.sh

lint: $(STAMPS)/dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMPS)/dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

benchmark: setup
	DEBUG=0 SECRET_KEY=benchmark $(PY) benchmarks/ingest_corpus.py

# National-scale databases (benchmarks/national_data.py) at a tenth and the whole of the national
# scale, on SQLite under var/ and on PostgreSQL (the databases bench_01 and bench_1 at BENCH_PG),
# then every page measured on each of them.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DATABASES := sqlite-25k=sqlite:///$(CURDIR)/var/national-0.1.sqlite3 \
	sqlite-250k=sqlite:///$(CURDIR)/var/national-1.sqlite3 \
	postgres-25k=$(BENCH_PG)/bench_01 postgres-250k=$(BENCH_PG)/bench_1

benchmark-data: setup
	mkdir -p var
	rm -f var/national-0.1.sqlite3* var/national-1.sqlite3*
	$(PY) benchmarks/national_data.py --scale 0.1 --database-url sqlite:///$(CURDIR)/var/national-0.1.sqlite3
	$(PY) benchmarks/national_data.py --scale 1 --database-url sqlite:///$(CURDIR)/var/national-1.sqlite3
	for db in bench_01 bench_1; do \
		psql $(BENCH_PG)/postgres -qc "DROP DATABASE IF EXISTS $$db" -c "CREATE DATABASE $$db"; done
	$(PY) benchmarks/national_data.py --scale 0.1 --database-url $(BENCH_PG)/bench_01
	$(PY) benchmarks/national_data.py --scale 1 --database-url $(BENCH_PG)/bench_1

# BENCHMARKS.md's table: the databases migrated to this code first (PostgreSQL's then vacuumed, as
# autovacuum would have); BENCH_PAGES_OPTIONS=--through-gunicorn measures them over HTTP instead.
BENCH_PAGES_OPTIONS ?=
benchmark-pages: setup
	DEBUG=0 SECRET_KEY=benchmark ALLOWED_HOSTS=testserver $(PY) manage.py collectstatic --no-input -v 0
	for database in $(BENCH_DATABASES); do \
		DATABASE_URL=$${database#*=} $(PY) manage.py migrate --no-input -v 0 || exit 1; done
	for db in bench_01 bench_1; do psql $(BENCH_PG)/$$db -qc "VACUUM ANALYZE" || exit 1; done
	$(PY) benchmarks/pages.py --requests 30 --export-requests 1 --after-write $(BENCH_PAGES_OPTIONS) \
		$(BENCH_DATABASES)

clean:
	rm -rf $(VENV) node_modules $(STAMPS) staticfiles
