# Two entry points for a fresh machine (see README.md):
#   make book   install everything, prepare offline data, build the HTML book
#   make test   everything `make book` does, then the whole test suite,
#               browser tests and the fresh-environment run included
#
# Options of `make book` (the publish workflow uses the first two):
#   REQUIRE_CUDA=1  fail unless torch sees a CUDA GPU
#   FRESH=1         rebuild everything: execution cache, executed notebooks, Sphinx's
#                   environment and the HTML, whatever _build/ held
#   LOCKED=0        install the newest releases from requirements.in instead of the
#                   lock, requirements.txt (the weekly "newest releases" workflow)
#   BOOK_THREADS=N  torch's CPU threads while chapters execute (default 1; see below)
#   PDF=0           skip printing the two PDFs (`make pdf` prints them on their own)
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
LOCKED ?= 1
EDITION ?= en
PDF ?= 1
# One intra-op thread per chapter kernel. On a 2-core machine that does other work
# too (CI, a laptop), torch's OpenMP threads spin-wait for cores they cannot get:
# beside two busy processes, chapter 7 took 5 times as long with 2 threads, chapter
# 9 (1 thread) no longer. Alone, a second thread gains little on these small models,
# and on a GPU the CPU threads hardly matter. Readers' own kernels keep torch's default.
BOOK_THREADS ?= 1
export OMP_NUM_THREADS := $(BOOK_THREADS)
export MKL_NUM_THREADS := $(BOOK_THREADS)

.PHONY: timings-reset book pdf test install lock data notebooks format lint gpu-check \
  colab-check stress-build clean

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
	@if [ "$(FRESH)" = 1 ]; then \
	  rm -rf _build/.jupyter_cache _build/jupyter_execute _build/.doctrees _build/html; fi
	$(TIMED) "build the book" $(BIN)/jupyter-book build . --builder html -W -n --keep-going \
	  2>&1 | tee _build/build.log
	@if [ "$(PDF)" = 1 ]; then $(MAKE) --no-print-directory pdf TIMINGS_KEEP=1; fi

# Each edition as one PDF, printed from the built pages by Chromium
# (scripts/build_pdf.py says how, and why not LaTeX), into _build/html/downloads/.
pdf: install
	$(TIMED) "print the PDFs" $(BIN)/python scripts/build_pdf.py

# The Colab-parity environment installs in the background while the book builds; then
# every English notebook runs there through its own set-up cell (scripts/colab_env.py),
# the Korean ones in the book's environment.
test:
	@mkdir -p _build && rm -f _build/timings.txt
	$(TIMED) "Colab-parity env: install" $(PYTHON) scripts/colab_env.py install & \
	  installer=$$!; \
	  $(MAKE) --no-print-directory book TIMINGS_KEEP=1 || { kill $$installer; exit 1; }; \
	  wait $$installer
	$(TIMED) "lint (ruff, actionlint)" $(MAKE) --no-print-directory lint
	$(TIMED) "Colab-parity env: en notebooks" $(PYTHON) scripts/colab_env.py run
	$(TIMED) "tests, browser, ko notebooks" $(BIN)/python -m pytest tests --nbmake book/ko
	@echo "== time of each part (also in _build/timings.txt)"; cat _build/timings.txt

install: $(STAMP)

ifeq ($(LOCKED),1)
PIP_REQUIREMENTS := --require-hashes -r requirements.txt
else
# The newest releases, torch and torchvision included (requirements.in pins those two
# to the releases on the book's build machines' disk).
PIP_REQUIREMENTS := --upgrade -r _build/requirements-newest.txt
endif

# Python packages from the lock (every package pinned, with hashes), then the helper
# package itself, editable, without dependencies (the lock holds them; pip check agrees).
$(STAMP): requirements.txt requirements.in pyproject.toml website/package.json \
  website/package-lock.json
	@mkdir -p _build && sed -E 's/^(torch|torchvision)==.*/\1/' requirements.in \
	  > _build/requirements-newest.txt
	$(TIMED) "install: Python packages" bash -c '$(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --upgrade pip && \
	  $(BIN)/python -m pip install $(PIP_REQUIREMENTS) && \
	  $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . && \
	  $(BIN)/python -m pip check'
	# The site's web assets (KaTeX, Pretendard, Pagefind), pinned by the lock file.
	$(TIMED) "install: web assets (npm)" npm ci --prefix website --no-audit --no-fund
	# Debian's Chromium for the browser tests.
	$(TIMED) "install: Chromium" bash scripts/install_browser.sh
	touch $(STAMP)

# Refresh the lock from requirements.in: the newest releases that fit, for Python 3.11
# on Linux x86-64, with the hashes of every file PyPI serves for them. Run it, build,
# test, commit requirements.txt.
lock: install
	$(BIN)/uv pip compile requirements.in --upgrade --generate-hashes --quiet \
	  --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt
	@echo "requirements.txt refreshed; now: make test, then commit it"

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
	$(BIN)/ruff check --no-cache src tests scripts website
	$(BIN)/ruff format --no-cache --check src tests scripts website
	$(BIN)/actionlint
	$(BIN)/python scripts/lint_issue_forms.py

# Execute the chapters here and compare their glued values with the CPU build:
#   make gpu-check GPU_CHECK_ARGS="--require-cuda"
gpu-check: install data
	$(BIN)/python scripts/gpu_check.py $(GPU_CHECK_ARGS)

# Execute one edition as Colab would (used inside Colab's image by colab.yml).
colab-check:
	bash scripts/colab_check.sh $(EDITION)

# `make book FRESH=1` three times in a row beside two CPU-bound processes, each within
# three times the quiet build's time (scripts/stress_build.sh; log in _build/stress/).
stress-build: install data
	bash scripts/stress_build.sh

clean:
	rm -rf _build .venv-colab
