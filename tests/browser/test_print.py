"""A page printed from the browser: the print stylesheet makes it a page of a book.

``website/static/print.css`` lays out any page a reader prints (and the PDFs):
no screen-only links or navigation, every output whole, the book's own font.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

SCREEN_ONLY = {
    "en": ["Open in Colab", "Report a problem with this page", "Show code cell"],
    "ko": ["Colab에서 열기", "이 페이지의 문제 신고", "코드 보기"],
}
TITLES = {"en": "Training a model", "ko": "모델 훈련"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_printed_chapter_is_the_chapter_alone(
    browser: Browser, base_url: str, tmp_path: Path, lang: str
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils is missing: `make install` installs it")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}book/{lang}/07-training.html", wait_until="load")
    pdf = tmp_path / f"{lang}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    context.close()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    first_page = " ".join(text.split("\f")[0].split())
    assert first_page.startswith(TITLES[lang]), first_page[:120]
    shown = [label for label in SCREEN_ONLY[lang] if label in text]
    assert not shown, f"{lang}: screen-only labels on paper: {shown}"
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "Pretendard-Regular" in fonts
    assert "Type 3" not in fonts
    # Page numbers at the foot of every page after the first.
    pages = text.split("\f")
    assert re.search(r"(^|\n)\s*2\s*$", pages[1].strip().splitlines()[-1] + "\n")


def test_printing_from_dark_mode_prints_the_light_theme(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "localStorage.setItem('mode','dark');localStorage.setItem('theme','dark')"
    )
    page = context.new_page()
    page.goto(f"{base_url}book/en/07-training.html", wait_until="load")
    theme = "document.documentElement.dataset.theme"
    assert page.evaluate(theme) == "dark"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(theme) == "light"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(theme) == "dark"
    context.close()
