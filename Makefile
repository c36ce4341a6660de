# Two entry points for a fresh machine (see README.md):
#   make book   install everything, prepare offline data, build the HTML book
#   make test   everything `make book` does, then the whole test suite,
#               browser tests and the fresh-environment run included
#
# Options of `make book` (the publish workflow uses both):
#   REQUIRE_CUDA=1  fail unless torch sees a CUDA GPU
#   FRESH=1         clear the execution cache, so every chapter runs again
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TIMED := bash scripts/timed.sh
TIMINGS_KEEP ?=
REQUIRE_CUDA ?= 0
FRESH ?= 0
EDITION ?= en

.PHONY: timings-reset book test install data notebooks format lint gpu-check colab-check clean

# Each run of `make book` or `make test` records the time of its parts afresh.
timings-reset:
	@mkdir -p _build && if [ -z "$(TIMINGS_KEEP)" ]; then rm -f _build/timings.txt; fi

book: timings-reset install data
	$(BIN)/python scripts/sync_notebooks.py --check
	mkdir -p _build
	@if [ "$(REQUIRE_CUDA)" = 1 ]; then \
	  $(BIN)/python -c 'import sys, torch; ok = torch.cuda.is_available(); \
	  print("CUDA:", torch.cuda.get_device_name(0) if ok else "none"); sys.exit(0 if ok else 1)' \
	  || { echo "REQUIRE_CUDA=1 but torch sees no GPU: not building" >&2; exit 1; }; fi
	@if [ "$(FRESH)" = 1 ]; then rm -rf _build/.jupyter_cache _build/jupyter_execute; fi
	$(TIMED) "build the book" $(BIN)/jupyter-book build . --builder html -W -n --keep-going \
	  2>&1 | tee _build/build.log

# The fresh environment installs in the background while the book builds.
test:
	@mkdir -p _build && rm -f _build/timings.txt
	$(TIMED) "fresh env: install .[book]" bash scripts/fresh_env_check.sh install & \
	  installer=$$!; \
	  $(MAKE) --no-print-directory book TIMINGS_KEEP=1 || { kill $$installer; exit 1; }; \
	  wait $$installer
	$(TIMED) "lint (ruff, actionlint)" $(MAKE) --no-print-directory lint
	$(TIMED) "fresh env: en notebooks" bash scripts/fresh_env_check.sh run
	$(TIMED) "tests, browser, ko notebooks" $(BIN)/python -m pytest tests --nbmake book/ko
	@echo "== time of each part (also in _build/timings.txt)"; cat _build/timings.txt

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml website/package.json website/package-lock.json
	$(TIMED) "install: Python packages" bash -c '$(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --upgrade pip && \
	  $(BIN)/python -m pip install -r requirements.txt'
	# The site's web assets (KaTeX, Pretendard, Pagefind), pinned by the lock file.
	$(TIMED) "install: web assets (npm)" npm ci --prefix website --no-audit --no-fund
	# Debian's Chromium for the browser tests.
	$(TIMED) "install: Chromium" bash scripts/install_browser.sh
	touch $(STAMP)

data: install
	$(TIMED) "data: offline copies" bash -c 'bash scripts/install_offline_data.sh && \
	  $(BIN)/python -m ptbook.data && $(BIN)/python -m ptbook.hub'

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
	$(BIN)/actionlint

# Execute the chapters here and compare their glued values with the CPU build:
#   make gpu-check GPU_CHECK_ARGS="--require-cuda"
gpu-check: install data
	$(BIN)/python scripts/gpu_check.py $(GPU_CHECK_ARGS)

# Execute one edition as Colab would (used inside Colab's image by colab.yml).
colab-check:
	bash scripts/colab_check.sh $(EDITION)

clean:
	rm -rf _build .venv-fresh
