"""Links on every edition page: language, Colab, and a way to report a problem.

Each page under ``book/<lang>/`` gets, above its content, a link to the same
page in the other edition and, when the page has a paired ``.ipynb``, a link
that opens that notebook in Google Colab from the book's GitHub repository.
Below its content it gets a "report a problem" link that opens the repository's
issue form (``.github/ISSUE_TEMPLATE/problem.yml``) with the page's address and
the edition filled in.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sphinx.application import Sphinx

from book_site.editions import LABELS, OTHER, counterpart, edition_of

COLAB = "https://colab.research.google.com/github"
# The issue form the report link opens; its field ids are the query's keys.
ISSUE_FORM = "problem.yml"
EDITION_NAMES = {"en": "English", "ko": "한국어"}
REPORT_LABELS = {"en": "Report a problem with this page", "ko": "이 페이지의 문제 신고"}


def colab_url(repository_url: str, branch: str, pagename: str) -> str:
    """Return the Colab address of ``<pagename>.ipynb`` in a GitHub repository."""
    owner_repo = repository_url.rstrip("/").removeprefix("https://github.com/")
    return f"{COLAB}/{owner_repo}/blob/{branch}/{pagename}.ipynb"


def report_url(repository_url: str, page_url: str, lang: str, title: str) -> str:
    """Return the address of a new issue from the book's form, filled in for a page."""
    query = urlencode(
        {
            "template": ISSUE_FORM,
            "title": f"[{title}] ",
            "page": page_url,
            "edition": EDITION_NAMES[lang],
        }
    )
    return f"{repository_url.rstrip('/')}/issues/new?{query}"


def report_html(app: Sphinx, pagename: str, title: str) -> str:
    """Return the "report a problem" link of an edition page ("" outside the editions)."""
    lang = edition_of(pagename)
    if lang is None:
        return ""
    base = (app.config.html_baseurl or "").rstrip("/")
    page_url = f"{base}/{pagename}.html" if base else f"{pagename}.html"
    repository = app.config.html_theme_options.get("repository_url", "")
    url = report_url(repository, page_url, lang, title)
    return (
        f'<p class="book-report" data-pagefind-ignore><a href="{url}">{REPORT_LABELS[lang]}</a></p>'
    )


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
    """Put the links above, and the report link below, the body of every edition page."""
    if "body" not in context:
        return
    links = links_html(app, pagename)
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or pagename
    report = report_html(app, pagename, html.unescape(title))
    context["body"] = links + context["body"] + report
