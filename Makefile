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

.PHONY: install run test test-fast lint format bench migrate demo messages clean

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

test: install
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
