"""Korean interface labels on Korean pages, in a build whose language is English.

Sphinx translates a theme's labels for the whole build (``language: en``). The
Korean edition needs them in Korean, page by page: before each Korean page is
rendered, this module installs a Korean translator (Sphinx's and
sphinx-book-theme's Korean catalogues, plus the few pydata-sphinx-theme labels
that have no Korean catalogue, given here); before each other page, the
original one.

myst-nb writes the toggle of a hidden code cell ("Show code cell source") into
the page's document, not through gettext; on Korean pages those prompts are
passed through the same Korean translator once the document is resolved.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import sphinx
import sphinx.locale
import sphinx_book_theme
from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx

from book_site.editions import edition_of

# pydata-sphinx-theme 0.17 ships no Korean catalogue; these are the labels it
# shows on a page of this book, in the words Korean documentation sites use.
PYDATA_KO = {
    "Skip to main content": "본문으로 건너뛰기",
    "Back to top": "맨 위로",
    "Search": "검색",
    "Search the docs ...": "문서 검색...",
    "Search this book...": "이 책에서 검색...",
    "previous": "이전",
    "next": "다음",
    "previous page": "이전 페이지",
    "next page": "다음 페이지",
    "Contents": "목차",
    "On this page": "이 페이지의 내용",
    "Color mode": "색상 모드",
    "Light": "밝게",
    "Dark": "어둡게",
    "System Settings": "시스템 설정",
    "Light/Dark": "밝게/어둡게",
    "Toggle primary sidebar": "왼쪽 사이드바 열고 닫기",
    "Toggle secondary sidebar": "오른쪽 사이드바 열고 닫기",
    "Site navigation": "사이트 탐색",
    "Section Navigation": "섹션 탐색",
    "Error": "오류",
    "Please activate JavaScript to enable the search functionality.": (
        "검색을 쓰려면 JavaScript를 켜 주세요."
    ),
    "Download this page": "이 페이지 내려받기",
    "Fullscreen mode": "전체 화면",
    "Launch": "실행 환경 열기",
    "Source repositories": "소스 저장소",
    "Repository": "저장소",
    "source repository": "소스 저장소",
    "By": "지은이:",
    "Print to PDF": "PDF로 인쇄",
}

# myst-nb's toggles of hidden cells (``hide-input`` and friends): its prompts
# "Show code cell {type}" / "Hide code cell {type}" with each {type} it uses.
MYST_NB_KO = {
    "Show code cell source": "코드 보기",
    "Hide code cell source": "코드 숨기기",
    "Show code cell content": "셀 보기",
    "Hide code cell content": "셀 숨기기",
    "Show code cell output": "출력 보기",
    "Hide code cell output": "출력 숨기기",
    "Show code cell outputs": "출력 보기",
    "Hide code cell outputs": "출력 숨기기",
}


class LabelTranslations(gettext.NullTranslations):
    """A translator from a dictionary, falling back to gettext catalogues."""

    def __init__(self, labels: dict[str, str]) -> None:
        super().__init__()
        self._labels = labels

    def gettext(self, message: str) -> str:
        """Return the label's translation, or ask the fallback catalogues."""
        if message in self._labels:
            return self._labels[message]
        return super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a singular or plural label."""
        message = singular if n == 1 else plural
        if message in self._labels:
            return self._labels[message]
        return super().ngettext(singular, plural, n)


def korean_translator() -> gettext.NullTranslations:
    """Return the Korean translator: the labels above, then the theme's, then Sphinx's."""
    translator = LabelTranslations(PYDATA_KO | MYST_NB_KO)
    book_theme_locales = (
        Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme" / "static"
    ) / "locales"
    catalogues = [
        ("booktheme", book_theme_locales),
        ("sphinx", Path(sphinx.__file__).parent / "locale"),
    ]
    for domain, localedir in catalogues:
        translator.add_fallback(gettext.translation(domain, localedir, ["ko"], fallback=True))
    return translator


class PageLanguage:
    """Switch the labels between languages, page by page."""

    def __init__(self) -> None:
        self.korean = korean_translator()
        self.original: dict[tuple[str, str], Any] = {}

    def before_page(
        self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
    ) -> None:
        """Install the translator of the page's edition (runs before the theme's handlers)."""
        keys = [("general", "sphinx"), ("general", "booktheme")]
        if not self.original:
            self.original = {key: sphinx.locale.translators.get(key) for key in keys}
        korean = edition_of(pagename) == "ko"
        for key in keys:
            original = self.original[key]
            if korean:
                sphinx.locale.translators[key] = self.korean
            elif original is not None:
                sphinx.locale.translators[key] = original
            else:
                sphinx.locale.translators.pop(key, None)
        jinja = app.builder.templates.environment
        jinja.install_gettext_translations(
            self.korean if korean else self.original[("general", "sphinx")]
        )
        if korean:
            context["theme_search_bar_text"] = self.korean.gettext("Search this book...")

    def translate_cell_toggles(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """Put the toggles of hidden code cells in Korean on a Korean page.

        Runs on ``doctree-resolved``, after myst-nb's post-transform has wrapped
        the hidden cells in ``HideCodeCellNode`` with its English prompts.
        """
        if edition_of(docname) != "ko":
            return
        for node in doctree.findall(HideCodeCellNode):
            for key in ("prompt_show", "prompt_hide"):
                node[key] = self.korean.gettext(node[key])
