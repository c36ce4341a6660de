"""The two editions as two books: language, navigation and alternates per page.

One Sphinx project holds both editions (``book/ko/`` and ``book/en/``). This
module makes each page behave as part of its own edition only: ``<html lang>``
follows the edition, the sidebar lists the edition's chapters only, previous and
next stay inside the edition, and ``hreflang`` alternates link a page to its
counterpart in the other edition.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

EDITIONS = ("ko", "en")
OTHER = {"ko": "en", "en": "ko"}
LABELS = {"ko": "한국어", "en": "English"}
PAGE = re.compile(r"^book/(ko|en)/(.+)$")


def edition_of(pagename: str) -> str | None:
    """Return ``"ko"`` or ``"en"`` for a page of an edition, else None."""
    match = PAGE.match(pagename)
    return match.group(1) if match else None


def counterpart(pagename: str) -> str | None:
    """Return the same page in the other edition (``book/ko/x`` -> ``book/en/x``)."""
    match = PAGE.match(pagename)
    if not match:
        return None
    lang, slug = match.groups()
    return f"book/{OTHER[lang]}/{slug}"


def keep_edition_links(html: str, lang: str, relative_prefix: str) -> str:
    """Drop the sidebar parts whose links lead into the other edition.

    ``html`` is the sidebar navigation; ``relative_prefix`` is the page's relative
    path to the site root (``"../../"``), which every internal link starts with.
    A part (a caption and its list) belongs to an edition when its links point
    under ``book/<lang>/``.
    """
    soup = BeautifulSoup(html, "html.parser")
    other = f"book/{OTHER[lang]}/"
    for listing in soup.find_all("ul", recursive=True):
        if listing.find_parent("ul") is not None:
            continue
        links = [a.get("href", "") for a in listing.find_all("a")]
        if not links:
            continue
        if all(_points_into(href, other, relative_prefix, lang) for href in links):
            caption = listing.find_previous_sibling()
            if caption is not None and "caption" in (caption.get("class") or []):
                caption.decompose()
            listing.decompose()
    return str(soup)


def _points_into(href: str, other: str, relative_prefix: str, lang: str) -> bool:
    """Tell whether a sidebar link leads into the other edition's folder."""
    target = href.split("#", 1)[0]
    if target.startswith(relative_prefix):
        target = target[len(relative_prefix) :]
    # From inside book/<lang>/, the other edition is reached as ../<other>/...
    if target.startswith(f"../{OTHER[lang]}/"):
        return True
    return target.startswith(other)


def restrict_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep the sidebar and previous/next links of an edition page inside it."""
    lang = edition_of(pagename)
    if lang is None:
        return
    for key in ("prev", "next"):
        target = context.get(key)
        if target and _leaves_edition(target.get("link", ""), lang):
            context[key] = None
    original = context.get("generate_toctree_html")
    if original is None:
        return
    prefix = "../" * pagename.count("/")

    def edition_toctree_html(kind: str, *args: Any, **kwargs: Any) -> Any:
        html = original(kind, *args, **kwargs)
        if kind != "sidebar":
            return html
        return keep_edition_links(str(html), lang, prefix)

    context["generate_toctree_html"] = edition_toctree_html


def _leaves_edition(link: str, lang: str) -> bool:
    """Tell whether a relative link from ``book/<lang>/...`` leaves that folder."""
    return link.startswith("../")


def set_language_and_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Set ``<html lang>`` and the ``hreflang`` alternates of an edition page."""
    lang = edition_of(pagename)
    context["book_edition"] = lang
    if lang is None:
        return
    context["language"] = lang
    other_doc = counterpart(pagename)
    alternates = [(lang, pagename)]
    if other_doc in app.env.found_docs or pagename.endswith("/search"):
        alternates.append((OTHER[lang], other_doc))
    base = (app.config.html_baseurl or "").rstrip("/")
    links = []
    for alt_lang, doc in sorted(alternates):
        href = f"{base}/{doc}.html" if base else app.builder.get_relative_uri(pagename, doc)
        links.append(f'<link rel="alternate" hreflang="{alt_lang}" href="{href}" />')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"
