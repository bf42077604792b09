# The README's commands. `make run` and `make test` work on a fresh machine
# with Python 3.12+ (a .python-version file selects it where pyenv is used).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve bench bench-mixed load scan audit lock lint format clean backup

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "newsportal needs Python 3.12 or newer (Django 6); found " + sys.version.split()[0] + ". Install it or set PYTHON=python3.12.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

## run: the site on the embedded defaults (SQLite, local cache, demo content)
run: $(VENV)/.installed
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py seed_photo_stories
	DEBUG=true $(PY) manage.py seed_weather
	DEBUG=true $(PY) manage.py seed_demo_media
	DEBUG=true $(PY) manage.py demo_editor
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility tests, pinned by package-lock.json. Without npm
# those tests skip loudly (and fail under CI=true).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: accessibility tests will be skipped (apt-get install npm)"; fi

## test: the whole suite — lint, checks, pytest on SQLite and on a throwaway PostgreSQL
test: $(VENV)/.installed node_modules/.package-lock.json
	scripts/test

## serve: production-like — gunicorn (gunicorn.conf.py) on the deployment settings; needs SECRET_KEY
serve: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(VENV)/bin/gunicorn -c gunicorn.conf.py newsportal.wsgi

## backup: one archive (database, photo originals, manifest) in BACKUP_DIR; see docs/backup.md
backup: $(VENV)/.installed
	$(PY) manage.py backup $(BACKUP_ARGS)

## bench: seed 10,000 articles (PostgreSQL when available), start gunicorn, load it with wrk;
## then the mixed-traffic scenario (Zipf readers, social links, a newsroom writing) through
## gunicorn and Varnish (scripts/bench_mixed.py; BENCH_MIXED_ARGS="--app-dir DIR" measures another checkout)
bench: $(VENV)/.installed
	scripts/bench $(BENCH_ARGS)
	scripts/with-postgres $(PY) scripts/bench_mixed.py $(BENCH_MIXED_ARGS)

## bench-mixed: only the mixed-traffic scenario
bench-mixed: $(VENV)/.installed
	scripts/with-postgres $(PY) scripts/bench_mixed.py $(BENCH_MIXED_ARGS)

## load: 60 s of wrk on the cached homepage under gunicorn (throwaway database); fails on any error
load: $(VENV)/.installed
	scripts/load-homepage $(LOAD_SECONDS)

## scan: wapiti + sqlmap against gunicorn on a throwaway PostgreSQL (minutes; see docs/security-scan.md)
scan: $(VENV)/.installed
	scripts/security-scan

## audit: Lighthouse (npm, mobile, median of 3) on the homepage and an article, served by gunicorn
audit: $(VENV)/.installed
	$(PY) scripts/audit.py

## lock: re-resolve constraints.txt from pyproject.toml (deliberately, then review the diff)
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 var node_modules test-artifacts
