"""website/book_site: which edition a page belongs to, and its navigation."""

from __future__ import annotations

from book_site.editions import counterpart, edition_of, keep_edition_links
from book_site.translations import korean_translator

SIDEBAR = """
<p class="caption" role="heading"><span class="caption-text">한국어</span></p>
<ul class="nav bd-sidenav">
  <li><a href="index.html">파이토치 기초</a></li>
  <li><a href="02-tensors.html">텐서</a>
    <ul><li><a href="02-tensors.html#views">뷰</a></li></ul></li>
</ul>
<p class="caption" role="heading"><span class="caption-text">English</span></p>
<ul class="nav bd-sidenav">
  <li><a href="../en/index.html">PyTorch Basics</a></li>
  <li><a href="../en/02-tensors.html">Tensors</a></li>
</ul>
"""


def test_edition_of_and_counterpart() -> None:
    assert edition_of("book/ko/02-tensors") == "ko"
    assert edition_of("book/en/search") == "en"
    assert edition_of("index") is None
    assert counterpart("book/ko/02-tensors") == "book/en/02-tensors"
    assert counterpart("search") is None


def test_sidebar_keeps_only_the_pages_edition() -> None:
    korean = keep_edition_links(SIDEBAR, "ko", "../../")
    assert "텐서" in korean and "뷰" in korean and "한국어" in korean
    assert "Tensors" not in korean and "English" not in korean
    english = keep_edition_links(
        SIDEBAR.replace('href="index', 'href="../ko/index')
        .replace('href="02', 'href="../ko/02')
        .replace("../en/", ""),
        "en",
        "../../",
    )
    assert "Tensors" in english and "텐서" not in english


def test_korean_labels_come_from_the_book_and_the_catalogues() -> None:
    korean = korean_translator()
    assert korean.gettext("Search") == "검색"
    assert korean.gettext("previous") == "이전"
    # From sphinx-book-theme's Korean catalogue.
    assert korean.gettext("Download this page") != "Download this page"
    # Unknown labels stay as they are.
    assert korean.gettext("no such label") == "no such label"
