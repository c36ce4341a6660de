"""Sphinx extension: a language switch and an "Open in Colab" link on every page.

Each page under ``book/<lang>/`` gets, above its content, a link to the same
page in the other edition and, when the page has a paired ``.ipynb``, a link
that opens that notebook in Google Colab from the book's GitHub repository.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

EDITIONS = {"ko": ("en", "English"), "en": ("ko", "한국어")}
PAGE = re.compile(r"^book/(ko|en)/(.+)$")
COLAB = "https://colab.research.google.com/github"


def colab_url(repository_url: str, branch: str, pagename: str) -> str:
    """Return the Colab address of ``<pagename>.ipynb`` in a GitHub repository."""
    owner_repo = repository_url.rstrip("/").removeprefix("https://github.com/")
    return f"{COLAB}/{owner_repo}/blob/{branch}/{pagename}.ipynb"


def _links_html(app: Sphinx, pagename: str) -> str:
    match = PAGE.match(pagename)
    if not match:
        return ""
    lang, slug = match.groups()
    other_lang, other_label = EDITIONS[lang]
    other_doc = f"book/{other_lang}/{slug}"
    parts = []
    if other_doc in app.env.found_docs:
        href = app.builder.get_relative_uri(pagename, other_doc)
        parts.append(
            f'<a class="book-lang-switch" href="{href}" hreflang="{other_lang}">{other_label}</a>'
        )
    if (Path(app.srcdir) / f"{pagename}.ipynb").is_file():
        options = app.config.html_theme_options
        url = colab_url(
            options.get("repository_url", ""), options.get("repository_branch", "main"), pagename
        )
        label = "Colab에서 열기" if lang == "ko" else "Open in Colab"
        parts.append(f'<a class="book-colab-link" href="{url}">{label}</a>')
    return f'<div class="book-links">{" ".join(parts)}</div>' if parts else ""


def add_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Prepend the links to the body of every edition page."""
    links = _links_html(app, pagename)
    if links and "body" in context:
        context["body"] = links + context["body"]
    match = PAGE.match(pagename)
    if match:
        context["language"] = match.group(1)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_links)
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.add_css_file("book_links.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
