#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser) and the book's
# PDFs (scripts/build_pdf.py), unless a Chromium is already there ($CHROMIUM or
# `chromium` on the PATH). Playwright drives this browser; it never downloads one
# of its own. Also poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), with
# which the PDFs are paginated and checked.
set -euo pipefail

if ! command -v pdftotext >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "poppler-utils: installing Debian's poppler-utils"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "poppler-utils: not found. Install it (Debian/Ubuntu: sudo apt-get install poppler-utils)"
  fi
fi

if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
  echo "Chromium: $CHROMIUM"
elif command -v chromium >/dev/null 2>&1; then
  echo "Chromium: $(command -v chromium)"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Chromium: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  # Not fatal: building the book needs no browser; the browser tests fail with this advice.
  echo "Chromium: not found. Install it (Debian/Ubuntu: sudo apt-get install chromium)"
  echo "  or point \$CHROMIUM at a Chromium or Chrome binary; the browser tests need one."
fi
