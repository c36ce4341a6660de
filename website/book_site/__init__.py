"""Everything that shapes the book's site, as one Sphinx extension.

- ``editions``: each edition behaves as a book of its own (``<html lang>``,
  sidebar, previous/next, ``hreflang`` alternates);
- ``translations``: the theme's labels, and the toggles of hidden code cells,
  in Korean on Korean pages;
- ``links``: the language switch and the "Open in Colab" link;
- ``assets``: KaTeX (math rendered at build time) and the Pretendard web font,
  served from the book itself;
- ``search``: Pagefind, one index per edition;
- ``exec_table``: the status page's table of how each chapter was executed;
- ``exercises``: the exercises chapter's exercises and solutions, labelled in the page's
  language;
- ``katex_start``: the KaTeX server started without a race (retries the connection
  until Node listens);
- ``discovery``: OpenGraph tags, ``sitemap.xml`` with ``hreflang`` pairs, a
  self-contained ``404.html`` and ``robots.txt``;
- ``citation``: the start pages' BibTeX entry, made from ``CITATION.cff``;
- ``provenance``: under each chapter's title, when and with which PyTorch and
  device it was executed, read from the build, with a link to the status page;
- ``streams``: the ``.ipynb`` a reader downloads carries each printed line once
  (myst-nb's stream merging otherwise duplicates them in the saved notebook);
- ``figures``: every figure in the page's mode, a light and a dark rendering
  (made by ``ptbook.figures`` when the chapter runs), without the theme's white
  card in dark mode;
- ``a11y``: accessible names that say what a control shows, and scrollable
  regions reachable by keyboard (``static/a11y.js``);
- ``downloads``: each edition's notebook archive, and the book PDF and archive in
  the download menu and on the start pages (``make pdf`` prints the PDFs with
  ``scripts/build_pdf.py``, the print stylesheet ``website/static/print.css``
  and ``print.js``, which prints in the light theme).

The stylesheet is ``website/static/book.css``; the templates that override the
theme's are in ``website/templates/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from book_site import assets, editions, katex_start, links, search, streams
from book_site.a11y import setup_a11y
from book_site.citation import setup_citation
from book_site.discovery import setup_discovery
from book_site.downloads import setup_downloads
from book_site.exec_table import setup_exec_table
from book_site.exercises import setup_exercises
from book_site.figures import setup_figures
from book_site.provenance import setup_provenance
from book_site.translations import PageLanguage

WEBSITE = Path(__file__).resolve().parent.parent


def add_paths(app: Sphinx, config: Config) -> None:
    """Put the site's templates before the theme's, and its static files in ``_static``."""
    config.templates_path.insert(0, str(WEBSITE / "templates"))
    config.html_static_path.append(str(WEBSITE / "static"))
    config.html_favicon = str(WEBSITE / "static" / "favicon.svg")
    # pydata-sphinx-theme logs a console error on a first visit when no mode is set.
    config.html_context.setdefault("default_mode", "auto")
    # No single-key shortcuts (WCAG 2.1.4): arrow keys do not turn pages, and "/"
    # does not jump to the search field (Ctrl+K, the theme's, still opens search).
    config.html_theme_options["navigation_with_keys"] = False
    config.html_theme_options["enable_search_shortcuts"] = False


def drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out Thebe, which Jupyter Book loads (twice) but the book does not use.

    Chapters open in Colab; Thebe's configuration points at a CDN, and its
    script, included twice, stops with a console error on every page.
    """
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if "thebe" not in str(getattr(js, "filename", js) or "")
        and "THEBE_JS_URL" not in str(getattr(js, "attributes", {}).get("body", ""))
    ]
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if "thebe" not in str(getattr(css, "filename", css) or "")
    ]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.katex")
    katex_start.patch_katex_server()
    streams.patch_stream_merging()
    setup_exec_table(app)
    setup_exercises(app)
    setup_provenance(app)
    setup_citation(app)
    setup_discovery(app)
    setup_downloads(app)
    setup_a11y(app)
    setup_figures(app)
    app.connect("config-inited", add_paths)
    app.connect("config-inited", assets.configure_katex)
    app.connect("config-inited", search.add_search_pages)
    page_language = PageLanguage()
    # Early: the theme's handlers then translate their labels in the page's language.
    app.connect("html-page-context", page_language.before_page, priority=100)
    app.connect("doctree-resolved", page_language.translate_cell_toggles)
    app.connect("html-page-context", editions.set_language_and_alternates, priority=100)
    app.connect("html-page-context", links.add_links)
    app.connect("html-page-context", drop_thebe)
    app.connect("html-page-context", search.mark_indexed_content, priority=600)
    # Late: after pydata-sphinx-theme has put its navigation functions in the context.
    app.connect("html-page-context", editions.restrict_navigation, priority=900)
    app.connect("build-finished", assets.copy_assets)
    app.connect("build-finished", search.build_index, priority=900)
    app.add_css_file("fonts/pretendard/" + assets.PRETENDARD_CSS)
    app.add_css_file("fonts/pretendard/" + assets.HANGUL_CSS)
    app.add_css_file("book.css")
    app.add_css_file("print.css", media="print")
    app.add_js_file("print.js", loading_method="defer")
    # Writing is serial: the exercise number prefix follows the page being written.
    return {"parallel_read_safe": True, "parallel_write_safe": False}
