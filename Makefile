# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
WEB_CONCURRENCY ?= 2
# The Kubernetes version deploy/ is validated against (tests/test_deploy.py states the same).
K8S_VERSION ?= 1.33.0
BENCH_ARGS ?=
export PORT WEB_CONCURRENCY

.PHONY: run test install install-dev openapi bench eval docker-smoke docker-readonly validate-deploy screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Pinned: direct dependencies in pyproject.toml, everything they pull in by constraints.txt.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	$(BIN)/gunicorn -c gunicorn.conf.py

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

openapi: $(VENV)/.installed
	$(BIN)/python -m service openapi --output openapi.yaml

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)

eval: $(VENV)/.installed
	$(BIN)/python eval/entities.py
	$(BIN)/python eval/quotes.py
	$(BIN)/python eval/quantities.py
	$(BIN)/python eval/newsdev.py

# The page's weight and render time in headless Chromium, and the README's screenshot (needs `chromium`).
screenshot: $(VENV)/.installed-dev
	$(BIN)/python bench/page.py --screenshot docs/page.png

docker-smoke:
	bash scripts/docker-smoke.sh

# The image on a read-only root filesystem: serves a seed, runs `newsfacts batch` on Dask.
docker-readonly:
	bash scripts/docker-readonly.sh

# Each overlay rendered and every object checked against the Kubernetes $(K8S_VERSION) schemas (also in `make test`).
validate-deploy: $(VENV)/.installed-dev
	K8S_VERSION=$(K8S_VERSION) $(BIN)/python -m pytest -q tests/test_deploy.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
