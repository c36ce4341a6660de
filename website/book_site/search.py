"""Search with Pagefind: one index per edition, found from the theme's search box.

Sphinx's own search has no Korean language and matches a Korean noun only where
it stands without a particle. Pagefind (pinned in ``website/package.json``)
indexes the built site after the build, one index per ``<html lang>``, and
matches word prefixes, so "텐서" finds "텐서를" and "텐서(tensor)". Each edition
has its own search page (``book/<lang>/search.html``), which the theme's search
box and its Ctrl+K dialog submit to, so results never mix the editions.

Pagefind loads its index with ``fetch``, which browsers refuse for pages opened
from disk (``file://``); the search page then says how to serve the book.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book_site.assets import NODE_MODULES
from book_site.editions import EDITIONS, edition_of

logger = logging.getLogger(__name__)
PAGEFIND = NODE_MODULES / ".bin" / "pagefind"
SEARCH_TEMPLATE = "book-search.html"


def search_page(lang: str) -> str:
    """Return the page name of an edition's search page."""
    return f"book/{lang}/search"


def add_search_pages(app: Sphinx, config: Config) -> None:
    """Register one search page per edition."""
    for lang in EDITIONS:
        config.html_additional_pages[search_page(lang)] = SEARCH_TEMPLATE


def mark_indexed_content(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Index the article of every edition page, and point the search box at its edition."""
    lang = edition_of(pagename)
    context["book_search_page"] = search_page(lang) if lang else "search"
    if lang and doctree is not None and "body" in context:
        context["body"] = f"<div data-pagefind-body>{context['body']}</div>"


def build_index(app: Sphinx, exception: Exception | None) -> None:
    """Run Pagefind over the finished site (``_build/html/pagefind/``)."""
    if exception is not None or app.builder.format != "html":
        return
    if not PAGEFIND.is_file():
        raise ExtensionError(f"{PAGEFIND} missing: run `npm ci --prefix website`")
    shutil.rmtree(Path(app.outdir) / "pagefind", ignore_errors=True)
    command = [str(PAGEFIND), "--site", str(app.outdir), "--output-subdir", "pagefind"]
    # Permalink anchors ("#", "¶") are not words of the page.
    command += ["--exclude-selectors", ".headerlink"]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ExtensionError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    indexed = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    logger.info("pagefind: %s", "; ".join(indexed) or "done")
    languages = sorted(p.name for p in (Path(app.outdir) / "pagefind").glob("pagefind.*.pf_meta"))
    logger.info("pagefind indexes: %s", ", ".join(languages))
