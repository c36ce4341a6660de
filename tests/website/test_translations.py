"""website/book_site/translations: Korean toggles for hidden code cells.

myst-nb writes "Show code cell source" / "Hide code cell source" into the page
itself, outside gettext; the extension translates them on Korean pages. The last
test reads ``_build/html``, which ``make book`` (run by ``make test``) builds.
"""

from __future__ import annotations

import pytest
from book_site.translations import PageLanguage, korean_translator
from bookfiles import BOOK, ROOT, chapter_slugs, code_cells
from docutils import nodes
from docutils.utils import new_document
from myst_nb.sphinx_ import HideCodeCellNode

HTML = ROOT / "_build" / "html"
SHOW_KO, HIDE_KO = "코드 보기", "코드 숨기기"
SHOW_EN, HIDE_EN = "Show code cell source", "Hide code cell source"


def toggle(label: str) -> str:
    """The HTML of myst-nb's "show" prompt of a hidden cell with this label."""
    return f'<p class="collapsed admonition-title">{label}</p>'


def test_korean_translator_knows_the_cell_toggles() -> None:
    korean = korean_translator()
    assert korean.gettext(SHOW_EN) == SHOW_KO
    assert korean.gettext(HIDE_EN) == HIDE_KO
    assert korean.gettext("Show code cell outputs") != "Show code cell outputs"


def document_with_a_hidden_cell() -> tuple[nodes.document, HideCodeCellNode]:
    document = new_document("test")
    hidden = HideCodeCellNode(prompt_show=SHOW_EN, prompt_hide=HIDE_EN)
    document += hidden
    return document, hidden


def test_toggles_are_korean_on_korean_pages_only() -> None:
    language = PageLanguage()
    document, hidden = document_with_a_hidden_cell()
    language.translate_cell_toggles(None, document, "book/ko/02-tensors")
    assert (hidden["prompt_show"], hidden["prompt_hide"]) == (SHOW_KO, HIDE_KO)
    document, hidden = document_with_a_hidden_cell()
    language.translate_cell_toggles(None, document, "book/en/02-tensors")
    assert (hidden["prompt_show"], hidden["prompt_hide"]) == (SHOW_EN, HIDE_EN)


def hidden_input_cells(lang: str, slug: str) -> int:
    """Count the code cells tagged ``hide-input`` in one chapter's source."""
    cells = code_cells(BOOK / lang / f"{slug}.md")
    return sum("hide-input" in cell.tags for cell in cells)


PAGES_WITH_HIDDEN_CODE = [
    (lang, slug)
    for lang in ("ko", "en")
    for slug in chapter_slugs(lang)
    if hidden_input_cells(lang, slug)
]


@pytest.mark.parametrize(("lang", "slug"), PAGES_WITH_HIDDEN_CODE)
def test_built_page_labels_hidden_code_in_its_language(lang: str, slug: str) -> None:
    if not (HTML / "index.html").is_file():
        pytest.fail("the book is not built: run `make book` (or `make test`)")
    html = (HTML / "book" / lang / f"{slug}.html").read_text(encoding="utf-8")
    expected = hidden_input_cells(lang, slug)
    show = SHOW_KO if lang == "ko" else SHOW_EN
    assert html.count(toggle(show)) == expected, (
        f"{lang}/{slug}: expected {expected} toggles labelled {show!r}"
    )
    if lang == "ko":
        assert "Show code cell" not in html and "Hide code cell" not in html
