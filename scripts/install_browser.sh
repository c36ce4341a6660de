#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser) and the book's
# PDFs (scripts/build_pdf.py), unless a Chromium is already there ($CHROMIUM or
# `chromium` on the PATH). Playwright drives this browser; it never downloads one
# of its own. Also poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), with
# which the PDFs are paginated and checked. apt-get runs as root, or through
# passwordless sudo (GitHub's runners); elsewhere the script says what to install.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if command -v pdftotext >/dev/null 2>&1; then
  echo "poppler-utils: $(command -v pdftotext)"
elif echo "poppler-utils: installing Debian's poppler-utils" && apt_install poppler-utils; then
  :
else
  # Not fatal here: `make pdf` and the PDF tests fail with this advice.
  echo "poppler-utils: not found. Install it (Debian/Ubuntu: sudo apt-get install poppler-utils)"
fi

if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
  echo "Chromium: $CHROMIUM"
elif command -v chromium >/dev/null 2>&1; then
  echo "Chromium: $(command -v chromium)"
elif echo "Chromium: installing Debian's chromium" && apt_install chromium; then
  :
else
  # Not fatal here: the PDFs and the browser tests fail with this advice.
  echo "Chromium: not found. Install it (Debian/Ubuntu: sudo apt-get install chromium)"
  echo "  or point \$CHROMIUM at a Chromium or Chrome binary; the PDFs and browser tests need one."
fi
