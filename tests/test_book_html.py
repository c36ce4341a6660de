"""The built book: every chapter executed, with a language link and a Colab link.

These tests read ``_build/html``, which ``make book`` (run by ``make test``)
builds with ``-W -n`` first.
"""

from __future__ import annotations

import re

import pytest
from bookfiles import EDITIONS, ROOT, chapter_slugs

HTML = ROOT / "_build" / "html"
LOG = ROOT / "_build" / "build.log"
COLAB = re.compile(
    r'class="book-colab-link" href="https://colab\.research\.google\.com/github/'
    r'[^/"]+/[^/"]+/blob/[^/"]+/([^"]+\.ipynb)"'
)
LANG = re.compile(r'class="book-lang-switch" href="([^"]+)"')
PAGES = [(lang, slug) for lang in EDITIONS for slug in ["index", *chapter_slugs(lang)]]


@pytest.fixture(scope="module", autouse=True)
def built_book() -> None:
    if not (HTML / "index.html").is_file():
        pytest.fail("the book is not built: run `make book` (or `make test`)")


def page(lang: str, slug: str) -> str:
    return (HTML / "book" / lang / f"{slug}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_language_link_points_to_an_existing_page(lang: str, slug: str) -> None:
    links = LANG.findall(page(lang, slug))
    assert len(links) == 1, f"{lang}/{slug}: expected one language link, found {links}"
    target = (HTML / "book" / lang / links[0]).resolve()
    other = "en" if lang == "ko" else "ko"
    assert target == (HTML / "book" / other / f"{slug}.html").resolve()
    assert target.is_file()


@pytest.mark.parametrize(("lang", "slug"), [p for p in PAGES if p[1] not in ("index", "status")])
def test_chapter_has_outputs_and_a_colab_link(lang: str, slug: str) -> None:
    html = page(lang, slug)
    assert html.count('class="cell_output') >= 3, f"{lang}/{slug} shows no executed outputs"
    assert "<img" in html, f"{lang}/{slug} has no figure"
    notebooks = COLAB.findall(html)
    assert notebooks == [f"book/{lang}/{slug}.ipynb"]
    assert (ROOT / notebooks[0]).is_file()


def test_landing_page_offers_both_editions() -> None:
    html = (HTML / "index.html").read_text(encoding="utf-8")
    assert 'href="book/ko/index.html"' in html
    assert 'href="book/en/index.html"' in html


def test_build_log_is_clean_and_korean_comes_from_cache() -> None:
    log = re.sub(r"\x1b\[[0-9;]*m", "", LOG.read_text(encoding="utf-8"))
    assert "build succeeded" in log
    assert not re.search(r"^(WARNING|ERROR)|: (WARNING|ERROR):", log, re.M), "build warnings"
    # The status page runs on every build by design (it reports the build).
    for slug in [s for s in chapter_slugs("ko") if s != "status"]:
        executed = re.search(rf"book/ko/{re.escape(slug)}\.md: Executing notebook", log)
        assert not executed, f"ko/{slug} was executed instead of served from the English cache"


@pytest.mark.parametrize(("lang", "slug"), [p for p in PAGES if p[1] != "index"])
def test_downloaded_notebook_prints_each_line_once(lang: str, slug: str) -> None:
    """The page's ``.ipynb`` download holds one stream block per cell and name.

    myst-nb merges a cell's prints into one block for the page; the saved
    notebook must hold that block alone, not also the chunks it merged
    (``website/book_site/streams.py``).
    """
    import json

    notebook = HTML / "_sources" / "book" / lang / f"{slug}.ipynb"
    assert notebook.is_file(), f"no .ipynb download for {lang}/{slug}"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        names = [o["name"] for o in cell.get("outputs", []) if o["output_type"] == "stream"]
        assert len(names) == len(set(names)), (
            f"{lang}/{slug}, cell {index}: {len(names)} stream blocks {names}"
        )


def test_no_single_key_shortcuts() -> None:
    """WCAG 2.1.4: neither the arrow keys nor "/" act on a page by themselves."""
    options = (HTML / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert "NAVIGATION_WITH_KEYS: false" in options
    assert "ENABLE_SEARCH_SHORTCUTS: false" in options


@pytest.mark.parametrize(("lang", "slug"), [p for p in PAGES if p[1] not in ("index", "status")])
def test_chapter_says_when_and_with_what_it_was_executed(lang: str, slug: str) -> None:
    """One line under the title, read from the build: date, PyTorch, device, status link."""
    import torch

    found = re.findall(r'<p class="book-provenance">(.*?)</p>', page(lang, slug), re.S)
    assert len(found) == 1, f"{lang}/{slug}: {len(found)} provenance lines"
    line = found[0]
    assert re.search(r"\d{4}-\d{2}-\d{2}", line), line
    assert torch.__version__ in line, f"{lang}/{slug}: {line}"
    assert 'href="status.html"' in line, line


def test_site_has_a_sitemap_with_both_editions_and_a_404_page() -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((HTML / "sitemap.xml").read_text(encoding="utf-8"))
    locs = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    for lang, slug in PAGES:
        matches = [u for loc, u in locs.items() if loc.endswith(f"book/{lang}/{slug}.html")]
        assert len(matches) == 1, f"sitemap: {lang}/{slug}"
        langs = {link.get("hreflang") for link in matches[0].findall("x:link", ns)}
        assert langs == {"ko", "en"}, f"sitemap: {lang}/{slug} alternates {langs}"
    not_found = (HTML / "404.html").read_text(encoding="utf-8")
    assert "book/ko/index.html" in not_found and "book/en/index.html" in not_found


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_page_has_opengraph_tags_in_its_language(lang: str, slug: str) -> None:
    html = page(lang, slug)
    locale = {"ko": "ko_KR", "en": "en_US"}[lang]
    assert f'<meta property="og:locale" content="{locale}" />' in html
    title = re.search(r'<meta property="og:title" content="([^"]+)"', html)
    assert title, f"{lang}/{slug}: no og:title"
    description = re.search(r'<meta property="og:description" content="([^"]+)"', html)
    assert description and len(description.group(1)) >= 40, f"{lang}/{slug}: no summary"
    if lang == "ko" and slug != "status":
        assert re.search(r"[\uac00-\ud7a3]", description.group(1)), description.group(1)
