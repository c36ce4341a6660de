"""Search from the theme's own search box finds every page of the edition with the word.

A page "contains" a query word when a word of its indexed text (the article,
as Pagefind indexes it) starts with the query: Korean attaches particles to
nouns (텐서를, 텐서의), and English inflects (tensors). Every such page must be
among the results, and no page of the other edition.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urljoin

import pytest
from bookfiles import chapter_slugs
from bs4 import BeautifulSoup

from conftest import HTML, Visits

# fmt: off
QUERIES = {
    "ko": [
        "텐서", "미분", "장치", "모델", "손실", "그래디언트", "옵티마이저",
        "데이터셋", "가중치", "정확도", "배치", "체크포인트", "토크나이저",
    ],
    "en": [
        "tensor", "gradient", "device", "optimizer", "dataset", "checkpoint",
        "einsum", "tokenizer", "loss", "batch", "accuracy", "broadcasting",
    ],
}
# fmt: on


@cache
def indexed_text(lang: str, slug: str) -> str:
    """Return the text Pagefind indexes on a page: its article, less what it ignores."""
    soup = BeautifulSoup((HTML / "book" / lang / f"{slug}.html").read_text("utf-8"), "html.parser")
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None, f"{lang}/{slug}: no data-pagefind-body"
    for ignored in body.select("[data-pagefind-ignore], .headerlink"):
        ignored.decompose()
    return body.get_text(" ")


def pages_containing(lang: str, word: str) -> set[str]:
    """Return the pages of an edition with a word that starts with ``word``."""
    pattern = re.compile(rf"(?<![\w\uac00-\ud7a3]){re.escape(word)}", re.IGNORECASE)
    return {
        f"book/{lang}/{slug}.html"
        for slug in ["index", *chapter_slugs(lang)]
        if pattern.search(indexed_text(lang, slug))
    }


ALL_RESULTS_SHOWN = """() => {
  const message = document.querySelector(".pagefind-ui__message");
  const count = message && message.textContent.match(/\\d+/);
  if (!count) return false;
  const more = document.querySelector(".pagefind-ui__button");
  if (more) { more.click(); return false; }
  const shown = document.querySelectorAll(".pagefind-ui__result-link").length;
  return shown >= Number(count[0]);
}"""


def search_from_the_search_box(visits: Visits, lang: str, query: str) -> set[str]:
    """Type ``query`` into the theme's search dialog on a chapter page; return the result pages."""
    context = visits.browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{visits.base_url}book/{lang}/02-tensors.html", wait_until="networkidle")
    page.locator(".bd-sidebar-primary button.search-button__button").click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill(query)
    field.press("Enter")
    page.wait_for_url(re.compile(rf"/book/{lang}/search\.html\?q="))
    # The message says how many pages match ("11 results" / "결과 11건"); wait
    # until that many results are drawn, pressing "load more" while it shows.
    page.wait_for_function(ALL_RESULTS_SHOWN, timeout=15_000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    context.close()
    found = set()
    for link in links:
        path = urljoin(visits.base_url, link).removeprefix(visits.base_url)
        path = path.split("#", 1)[0]
        found.add(path + "index.html" if path.endswith("/") else path)
    return found


@pytest.mark.parametrize(
    ("lang", "query"), [(lang, q) for lang, queries in QUERIES.items() for q in queries]
)
def test_search_finds_every_page_with_the_word_and_only_this_edition(
    visits: Visits, lang: str, query: str
) -> None:
    expected = pages_containing(lang, query)
    assert expected, f"{lang}: no page contains {query!r}; choose another query"
    found = search_from_the_search_box(visits, lang, query)
    missed = sorted(expected - found)
    foreign = sorted(p for p in found if not p.startswith(f"book/{lang}/"))
    assert not missed, f"{lang} search {query!r} missed {missed} (found {sorted(found)})"
    assert not foreign, f"{lang} search {query!r} returned pages of another edition: {foreign}"


def test_search_page_opened_from_disk_says_how_to_serve_the_book(visits: Visits) -> None:
    context = visits.browser.new_context()
    page = context.new_page()
    page.goto((HTML / "book" / "ko" / "search.html").as_uri())
    message = page.locator("#book-search-offline")
    assert message.is_visible(), "opened from disk, the search page should explain itself"
    assert "http.server" in message.inner_text()
    context.close()
