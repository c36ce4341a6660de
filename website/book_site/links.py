"""A language switch and an "Open in Colab" link above every edition page.

Each page under ``book/<lang>/`` gets, above its content, a link to the same
page in the other edition and, when the page has a paired ``.ipynb``, a link
that opens that notebook in Google Colab from the book's GitHub repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from book_site.editions import LABELS, OTHER, counterpart, edition_of

COLAB = "https://colab.research.google.com/github"


def colab_url(repository_url: str, branch: str, pagename: str) -> str:
    """Return the Colab address of ``<pagename>.ipynb`` in a GitHub repository."""
    owner_repo = repository_url.rstrip("/").removeprefix("https://github.com/")
    return f"{COLAB}/{owner_repo}/blob/{branch}/{pagename}.ipynb"


def links_html(app: Sphinx, pagename: str) -> str:
    """Return the language switch and Colab link of a page ("" outside the editions)."""
    lang = edition_of(pagename)
    if lang is None:
        return ""
    other_lang, other_doc = OTHER[lang], counterpart(pagename)
    parts = []
    if other_doc in app.env.found_docs:
        href = app.builder.get_relative_uri(pagename, other_doc)
        parts.append(
            f'<a class="book-lang-switch" href="{href}" hreflang="{other_lang}" '
            f'lang="{other_lang}">{LABELS[other_lang]}</a>'
        )
    if (Path(app.srcdir) / f"{pagename}.ipynb").is_file():
        options = app.config.html_theme_options
        url = colab_url(
            options.get("repository_url", ""), options.get("repository_branch", "main"), pagename
        )
        label = "Colab에서 열기" if lang == "ko" else "Open in Colab"
        parts.append(f'<a class="book-colab-link" href="{url}">{label}</a>')
    if not parts:
        return ""
    return f'<div class="book-links" data-pagefind-ignore>{" ".join(parts)}</div>'


def add_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Prepend the links to the body of every edition page."""
    links = links_html(app, pagename)
    if links and "body" in context:
        context["body"] = links + context["body"]
