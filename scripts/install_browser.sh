#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser), unless a
# Chromium is already there ($CHROMIUM or `chromium` on the PATH). Playwright
# drives this browser; it never downloads one of its own.
set -euo pipefail

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
