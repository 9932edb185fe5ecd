# Omstilling: `make run` serves the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_SITE_URL ?= http://$(HOST):$(PORT)
# The browser tests drive Debian's Chromium (tests/e2e/conftest.py reads CHROMIUM_PATH too).
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
APT_GET ?= apt-get

.PHONY: install browser run test test-fast lint format bench migrate demo messages clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py import_handlingsplan handlingsplan/data/handlingsplan_2021.yaml
	SITE_URL=$${SITE_URL:-$(RUN_SITE_URL)} $(PY) manage.py seed_demo

# Web server, Celery worker and Celery beat together. When one of them stops
# (or on Ctrl-C) the others are stopped too.
run: demo
	@export SITE_URL=$${SITE_URL:-$(RUN_SITE_URL)}; \
	  trap 'kill 0' EXIT INT TERM; \
	  $(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 & \
	  $(VENV)/bin/celery -A config beat --loglevel=INFO & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT) & \
	  wait -n

# Chromium for the browser tests: installed from Debian when missing and this user can (root,
# with apt-get); otherwise make stops and names the command that installs it.
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v "$(APT_GET)" >/dev/null 2>&1; then \
	  echo "make: Chromium is missing at $(CHROMIUM); installing Debian's chromium with apt-get"; \
	  "$(APT_GET)" update && DEBIAN_FRONTEND=noninteractive "$(APT_GET)" install -y chromium \
	    || { echo "make: apt-get could not install chromium" >&2; exit 1; }; \
	  [ -x "$(CHROMIUM)" ] || { echo "make: chromium was installed but $(CHROMIUM) is still missing; set CHROMIUM_PATH" >&2; exit 1; }; \
	else \
	  echo "make: the browser tests need Chromium at $(CHROMIUM) and it is missing." >&2; \
	  echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM_PATH to a Chromium)" >&2; \
	  exit 1; \
	fi

test: install browser
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) -m bench

# Collect the bokmål source strings into config/locale/en/LC_MESSAGES/django.po,
# then compile every catalog in config/locale (the .mo files are committed).
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var $(VENV)
