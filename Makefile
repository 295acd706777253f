.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install decisionroom with its dev tools

run: system-deps $(STAMP) ## Serve the web app on 127.0.0.1:8000 with a demo workspace of the examples
	$(BIN)/python -m decisionroom.web.demo examples

test: system-deps $(STAMP) ## Run every test (with coverage)
	$(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

#: Inputs per target of `make fuzz` (the readers of decision files, CSV and XLSX);
#: `make test` runs 150 of each with a fixed seed.
FUZZ_EXAMPLES ?= 20000

fuzz: $(STAMP) ## Fuzz the file readers longer, with a new random seed (FUZZ_EXAMPLES per target)
	DECISIONROOM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DECISIONROOM_FUZZ_RANDOM=1 \
	  $(BIN)/python -m pytest -q -p no:cacheprovider tests/hostile/test_fuzz.py \
	  --hypothesis-show-statistics $(PYTEST_ARGS)

lint: $(STAMP) ## ruff check, ruff format --check and mypy
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

fmt: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

PEERS := bench/.venv-peers
PEERS_STAMP := $(PEERS)/.installed

# The peers (pymcdm, pyDecision, scikit-criteria, pyrepo-mcda) live in their own venv,
# with decisionroom installed there too, so one process times both sides (issue 5).
$(PEERS_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet -e . pymcdm pyDecision scikit-criteria pyrepo-mcda
	touch $(PEERS_STAMP)

bench: $(STAMP) $(PEERS_STAMP) ## Run the benchmarks against the peers (bench/results/latest.md)
	$(BIN)/python -m bench

bench-quick: $(STAMP) ## A one-minute benchmark; without the peers if they cannot be installed
	$(BIN)/python -m bench --quick

bench-api: $(STAMP) ## Load test: two app processes on one PostgreSQL, 20 clients, 30 s (bench/results/api_load.md)
	$(BIN)/python -m bench.api_load

brief-images: $(STAMP) ## Render the examples' briefs to docs/images (needs chromium, poppler-utils, libreoffice-impress)
	$(BIN)/python scripts/brief_images.py

screenshots: system-deps $(STAMP) ## Rewrite docs/images/web-*.png from the browser tests (test runs leave them alone)
	DECISIONROOM_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py \
	  tests/web/test_browser_library.py -k "photographed or template_questions" $(PYTEST_ARGS)

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage build dist

# WeasyPrint (PDF briefs) loads Pango; chromium and poppler-utils (pdftoppm) render
# the briefs to PNG for docs/images. Installed only when run as root with apt-get.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium poppler-utils

system-deps: ## Install the system packages for PDF briefs, renderings and browser tests (Debian, as root)
	@missing=$$(command -v dpkg >/dev/null && for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "system-deps: installing $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "system-deps: not root or no apt-get; the tests that need them will skip. Missing:" $$missing; fi

.PHONY: help install run test fuzz lint fmt bench bench-quick bench-api brief-images screenshots clean system-deps
