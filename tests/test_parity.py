"""The two editions have the same chapters and identical code cells."""

from __future__ import annotations

import pytest
from bookfiles import BOOK, CodeCell, chapter_slugs, code_cells, first_difference, toc_files


def test_both_editions_have_the_same_chapters() -> None:
    assert chapter_slugs("ko") == chapter_slugs("en")
    assert chapter_slugs("en"), "no chapters found"


@pytest.mark.parametrize("slug", chapter_slugs("en"))
def test_code_cells_identical(slug: str) -> None:
    ko = code_cells(BOOK / "ko" / f"{slug}.md")
    en = code_cells(BOOK / "en" / f"{slug}.md")
    problem = first_difference(slug, ko, en)
    assert problem is None, problem


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chapter_is_in_the_toc(lang: str) -> None:
    listed = set(toc_files())
    for slug in ["index", *chapter_slugs(lang)]:
        assert f"book/{lang}/{slug}" in listed, f"book/{lang}/{slug} is missing from _toc.yml"


def test_first_difference_names_chapter_and_cell() -> None:
    same = [CodeCell("print(1)", ()), CodeCell("x = 2", ())]
    changed = [CodeCell("print(1)", ()), CodeCell("x = 3", ())]
    assert first_difference("demo", same, same) is None
    assert first_difference("demo", same, changed) == (
        "demo: code cell 2 differs between ko and en (en starts with 'x = 3')"
    )
    tagged = [CodeCell("print(1)", ("hide-input",)), CodeCell("x = 2", ())]
    assert "code cell 1" in (first_difference("demo", tagged, same) or "")
    assert first_difference("demo", same[:1], same) == "demo: ko has 1 code cells, en has 2"
