# Frivillig: `make run` sets everything up and serves http://127.0.0.1:8000; `make test` runs the suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export FRIVILLIG_DEVELOPMENT ?= 1
export DJANGO_SETTINGS_MODULE := frivillig.settings
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: bench bench-applications bench-pageweight bench-search run serve setup venv deps assets static migrate seed test test-fast test-browser lint lock messages check-deploy clean

run: setup seed serve

setup: .env deps assets migrate static

# A development .env, so that ./manage.py works directly in this checkout; never overwritten.
.env:
	@printf '# Development settings for this checkout (see .env.example for production).\nFRIVILLIG_DEVELOPMENT=1\n' > $@

venv: $(VENV)/.created
$(VENV)/.created:
	@py=$$(scripts/find-python) && echo "Using $$py" && \
	if command -v uv >/dev/null 2>&1; then UV_PYTHON_DOWNLOADS=never uv venv --python "$$py" $(VENV); \
	else "$$py" -m venv $(VENV); fi
	@touch $@

# Reinstalled only when the lock file changes, so a second `make run` starts in seconds.
deps: $(VENV)/.deps
$(VENV)/.deps: $(VENV)/.created requirements.lock
	@if command -v uv >/dev/null 2>&1; then UV_PYTHON_DOWNLOADS=never uv pip install --python $(PY) -r requirements.lock; \
	else $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock; fi
	@touch $@

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
assets: static/vendor/.stamp
static/vendor/.stamp: node_modules/.package-lock.json scripts/vendor_assets.py
	$(PY) scripts/vendor_assets.py
	@touch $@

migrate: deps .env
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

static: assets
	$(PY) manage.py collectstatic --noinput -v 0

seed: migrate
	$(PY) manage.py seed_demo

# Web server and a db_worker together; Ctrl-C stops both.
serve:
	@echo "Frivillig runs on http://$(HOST):$(PORT)/ – mail is printed here. Stop with Ctrl-C."
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 1 & \
	$(VENV)/bin/gunicorn frivillig.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile - --reload & \
	wait

# The whole suite, browser journeys included, on DATABASE_URL (SQLite when unset).
# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: setup
	DJANGO_ALLOW_ASYNC_UNSAFE=1 $(PY) -m pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -q -n $(TEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

test-browser: setup
	DJANGO_ALLOW_ASYNC_UNSAFE=1 $(PY) -m pytest -q -n $(TEST_WORKERS) -m browser

lint:
	$(VENV)/bin/ruff check .

lock:
	$(PY) -m pip install --quiet uv && $(VENV)/bin/uv pip compile pyproject.toml --group dev --generate-hashes -o requirements.lock --python-version 3.12

messages:
	$(PY) manage.py makemessages -l da -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

check-deploy:
	FRIVILLIG_DEVELOPMENT=0 DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=frivillig.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles

# Figures the issues ask for: first-visit transfer size of the home page (and Lighthouse when npx can fetch it),
# then the national-scale search benchmark on PostgreSQL (scripts/bench_search.py: 50,000 opportunities in the
# database BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/frivillig_bench; BENCH_ARGS=--reuse
# keeps a loaded one), then the applications benchmark on the same database (scripts/bench_applications.py:
# 200,000 applications, an inbox with 2,000, the cost of the response figures). wrk comes from Debian; without it
# a Python client generates the load.
BENCH_PORT ?= 8010
BENCH_SEARCH_PORT ?= 8011
BENCH_SHIFTS_PORT ?= 8021
BENCH_APPLICATIONS_PORT ?= 8012
bench: bench-pageweight bench-search bench-applications bench-shifts

bench-pageweight: setup seed
	@$(VENV)/bin/gunicorn frivillig.wsgi --bind 127.0.0.1:$(BENCH_PORT) --workers 2 --daemon --pid var/bench.pid
	@sleep 2
	-$(PY) scripts/bench_pageweight.py http://127.0.0.1:$(BENCH_PORT)/ http://127.0.0.1:$(BENCH_PORT)/organisationer/
	-@if [ -n "$(LIGHTHOUSE)" ]; then CHROME_PATH=/usr/bin/chromium npx --yes lighthouse@12 http://127.0.0.1:$(BENCH_PORT)/ \
		--quiet --only-categories=performance,accessibility,best-practices,seo --form-factor=mobile \
		--chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
		--output=json --output-path=var/lighthouse.json && $(PY) -c "import json; r=json.load(open('var/lighthouse.json')); print('Lighthouse mobile:', {k: round(v['score']*100) for k, v in r['categories'].items()})"; fi
	@kill $$(cat var/bench.pid) && rm -f var/bench.pid

bench-search: setup
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1) \
		|| echo "wrk is not installed: a Python client generates the load instead."
	$(PY) scripts/bench_search.py --port $(BENCH_SEARCH_PORT) $(BENCH_ARGS)

bench-applications: setup
	$(PY) scripts/bench_applications.py --port $(BENCH_APPLICATIONS_PORT) $(BENCH_ARGS)

# Two gunicorn processes on one PostgreSQL race 200 sign-ups for 10 places, then cancellations (scripts/bench_shifts.py).
bench-shifts: setup
	$(PY) scripts/bench_shifts.py --port $(BENCH_SHIFTS_PORT)
