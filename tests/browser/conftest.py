"""Fixtures of the browser suite: the built site on 127.0.0.1 and Chromium.

The suite reads ``_build/html`` (``make book`` builds it first), serves it on a
free port of 127.0.0.1, and drives Debian's ``chromium`` through Playwright
(no browser download). Visits are cached per page and viewport, so each page
is loaded once per width however many tests read it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browse import DESKTOP, PHONE, Visit, visit
from local_site import CHROMIUM_ARGS, chromium_path, serve
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
# $BOOK_HTML points the suite at another build (default: the book's own).
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
SCREENSHOTS = ROOT / "_build" / "screenshots"
WEIGHTS: dict[str, int] = {}


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (HTML / "index.html").is_file():
        pytest.fail("the book is not built: run `make book` (or `make test`)")
    with serve(HTML) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.fail("no Chromium: install Debian's `chromium` (make install does) or set $CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visits:
    """Each page visited once per viewport, on demand."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self._cache: dict[tuple[str, str], Visit] = {}

    def get(self, path: str, width: str = "desktop") -> Visit:
        key = (path, width)
        if key not in self._cache:
            viewport = DESKTOP if width == "desktop" else PHONE
            seen = visit(self.browser, self.base_url + path, viewport, probe_fonts=True)
            self._cache[key] = seen
            if width == "desktop":
                WEIGHTS[path] = seen.total_bytes
        return self._cache[key]


@pytest.fixture(scope="session")
def visits(browser: Browser, base_url: str) -> Visits:
    return Visits(browser, base_url)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the weight of a first visit to each page the suite opened."""
    if not WEIGHTS:
        return
    terminalreporter.section("first visit, bytes transferred (empty cache)")
    for path, size in sorted(WEIGHTS.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{size / 1e6:6.2f} MB  {path}")
