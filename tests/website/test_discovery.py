"""website/book_site/discovery: OpenGraph tags, the sitemap and the 404 page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from book_site.discovery import not_found_html, opengraph_tags, sitemap_xml, summary_of
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def doctree(*paragraphs: str) -> nodes.document:
    document = new_document("test", get_default_settings(Parser))
    section = nodes.section()
    section += nodes.title(text="Title")
    for text in paragraphs:
        section += nodes.paragraph(text=text)
    document += section
    return document


def test_summary_is_the_first_real_paragraph_cut_at_a_word() -> None:
    long = "Tensors are the arrays PyTorch computes with, " * 10
    assert summary_of(doctree("short", long), limit=60) == (
        "Tensors are the arrays PyTorch computes with, Tensors are…"
    )
    assert summary_of(doctree("A paragraph that is long enough to describe a page.")) == (
        "A paragraph that is long enough to describe a page."
    )


def test_opengraph_tags_escape_and_name_the_locale() -> None:
    tags = opengraph_tags('A "quoted" title', "x < y", "https://b.io/book/ko/x.html", "ko")
    assert '<meta property="og:title" content="A &quot;quoted&quot; title" />' in tags
    assert 'content="x &lt; y"' in tags
    assert '<meta property="og:locale" content="ko_KR" />' in tags
    assert '<meta property="og:locale:alternate" content="en_US" />' in tags


def test_sitemap_pairs_each_page_with_its_counterpart() -> None:
    pages = ["index", "book/ko/01-frameworks", "book/en/01-frameworks", "book/ko/only-ko"]
    root = ET.fromstring(sitemap_xml("https://b.io/", pages))
    urls = {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}
    assert set(urls) == {f"https://b.io/{p}.html" for p in pages}
    pair = urls["https://b.io/book/ko/01-frameworks.html"].findall("x:link", NS)
    assert {(link.get("hreflang"), link.get("href")) for link in pair} == {
        ("ko", "https://b.io/book/ko/01-frameworks.html"),
        ("en", "https://b.io/book/en/01-frameworks.html"),
    }
    lone = urls["https://b.io/book/ko/only-ko.html"].findall("x:link", NS)
    assert [link.get("hreflang") for link in lone] == ["ko"]
    assert urls["https://b.io/index.html"].findall("x:link", NS) == []


def test_404_links_both_start_pages_by_absolute_address() -> None:
    page = not_found_html("https://b.io/site/")
    assert 'href="https://b.io/site/book/ko/index.html"' in page
    assert 'href="https://b.io/site/book/en/index.html"' in page
    assert "<link" not in page and "src=" not in page  # nothing to resolve
    assert "페이지를 찾을 수 없습니다" in page and "Page not found" in page
