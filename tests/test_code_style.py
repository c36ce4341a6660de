"""Code cells fit the page: at most 79 characters a line, formatted by ruff.

A longer line scrolls sideways on the page; ``make format`` formats every
chapter with ``scripts/format_code.py`` (ruff through jupytext).
"""

from __future__ import annotations

import pytest
from bookfiles import BOOK, EDITIONS, chapter_slugs, code_cells
from format_code import LINE_LENGTH, formatted_text

CHAPTERS = [(lang, slug) for lang in EDITIONS for slug in chapter_slugs(lang)]


def long_lines(source: str) -> list[tuple[int, int]]:
    """Return (line number, length) of every line over the limit."""
    return [
        (number, len(line))
        for number, line in enumerate(source.splitlines(), start=1)
        if len(line) > LINE_LENGTH
    ]


def test_long_lines_are_found() -> None:
    assert long_lines("x = 1\n" + "y" * 80) == [(2, 80)]


@pytest.mark.parametrize(("lang", "slug"), CHAPTERS)
def test_code_lines_fit_in_79_characters(lang: str, slug: str) -> None:
    problems = [
        f"cell {index}, line {number}: {length} characters"
        for index, cell in enumerate(code_cells(BOOK / lang / f"{slug}.md"), start=1)
        for number, length in long_lines(cell.source)
    ]
    assert not problems, f"{lang}/{slug}: " + "; ".join(problems)


@pytest.mark.parametrize("slug", chapter_slugs("en"))
def test_code_cells_are_formatted_by_ruff(slug: str) -> None:
    # The Korean edition has the same code cells (test_parity), so one edition is enough.
    path = BOOK / "en" / f"{slug}.md"
    assert formatted_text(path) == path.read_text(encoding="utf-8"), (
        f"en/{slug}: code cells are not ruff-formatted; run `make format`"
    )
