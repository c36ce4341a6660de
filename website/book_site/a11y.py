"""Accessibility fixes the theme and myst-nb leave to the book.

- The toggle of a hidden code cell is a ``<summary>`` that myst-nb names
  "Toggle hidden content" while it shows "Show code cell source" (or, on a
  Korean page, "코드 보기"): a speech-input user who says what they see would
  not reach it (WCAG 2.5.3, axe's ``label-content-name-mismatch``). Without the
  ``aria-label`` its name is the text it shows.
- The search button: ``website/templates/components/search-button-field.html``.
- Scrollable regions (a wide formula, a long output on a phone) are made
  reachable by keyboard in ``website/static/a11y.js``; the focus ring and the
  contrast of links on tinted boxes are in ``website/static/book.css``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MYST_NB_SUMMARY = '<summary aria-label="Toggle hidden content">'


def name_toggles_by_their_text(body: str) -> str:
    """Drop the ``aria-label`` myst-nb puts on the toggles of hidden cells."""
    return body.replace(MYST_NB_SUMMARY, "<summary>")


def fix_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "body" in context:
        context["body"] = name_toggles_by_their_text(context["body"])


def setup_a11y(app: Sphinx) -> None:
    app.connect("html-page-context", fix_page)
    app.add_js_file("a11y.js", loading_method="defer")
