# Two entry points for a fresh machine (see README.md):
#   make book   install everything, prepare offline data, build the HTML book
#   make test   everything `make book` does, then the whole test suite,
#               browser tests included
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test install data notebooks format lint clean

book: install data
	$(BIN)/python scripts/sync_notebooks.py --check
	mkdir -p _build
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going 2>&1 | tee _build/build.log

test: book
	$(BIN)/ruff check src tests scripts website
	$(BIN)/ruff format --check src tests scripts website
	$(BIN)/python -m pytest tests --nbmake book/ko book/en

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml website/package.json website/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -r requirements.txt
	# The site's web assets (KaTeX, Pretendard, Pagefind), pinned by the lock file.
	npm ci --prefix website --no-audit --no-fund
	# Debian's Chromium for the browser tests.
	bash scripts/install_browser.sh
	touch $(STAMP)

data: install
	bash scripts/install_offline_data.sh
	$(BIN)/python -m ptbook.data
	$(BIN)/python -m ptbook.hub

# Regenerate every book/<lang>/<slug>.ipynb from its .md source.
notebooks: install
	$(BIN)/python scripts/sync_notebooks.py

# Format every chapter's code cells with ruff (79 characters), then re-pair.
format: install
	$(BIN)/python scripts/format_code.py
	$(BIN)/python scripts/sync_notebooks.py

lint: install
	$(BIN)/ruff check src tests scripts website
	$(BIN)/ruff format --check src tests scripts website

clean:
	rm -rf _build
