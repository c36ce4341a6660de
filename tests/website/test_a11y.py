"""Accessible names in the built pages (``book_site.a11y`` and the search template)."""

from __future__ import annotations

import re

import pytest
from book_site.a11y import MYST_NB_SUMMARY, name_toggles_by_their_text
from bookfiles import ROOT

HTML = ROOT / "_build" / "html"


def test_toggle_loses_the_label_that_hid_its_text() -> None:
    body = f'<details>{MYST_NB_SUMMARY}\n<p class="collapsed">Show code cell source</p>'
    assert name_toggles_by_their_text(body) == (
        '<details><summary>\n<p class="collapsed">Show code cell source</p>'
    )
    assert name_toggles_by_their_text("<summary>x</summary>") == "<summary>x</summary>"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_built_pages_name_controls_by_what_they_show(lang: str) -> None:
    pages = sorted((HTML / "book" / lang).glob("*.html"))
    assert pages, "the book is not built: run `make book`"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert MYST_NB_SUMMARY not in text, f"{page.name}: a toggle named apart from its text"
        for button in re.findall(r'<button class="btn search-button-field[^>]*>', text):
            assert "aria-label" not in button, f"{page.name}: {button}"
        assert "a11y.js" in text, f"{page.name}: no tab stops for scrolling regions"
