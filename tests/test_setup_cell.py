"""The first code cell of every chapter is the shared set-up cell."""

from __future__ import annotations

import pytest
import yaml
from bookfiles import BOOK, EDITIONS, ROOT, chapter_slugs, code_cells, setup_cell_url

CHAPTERS = [(lang, slug) for lang in EDITIONS for slug in chapter_slugs(lang)]


def repository_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


@pytest.mark.parametrize(("lang", "slug"), CHAPTERS)
def test_first_cell_is_the_setup_cell(lang: str, slug: str) -> None:
    first = code_cells(BOOK / lang / f"{slug}.md")[0].source
    reference = code_cells(BOOK / "en" / f"{chapter_slugs('en')[0]}.md")[0].source
    assert first == reference, f"{lang}/{slug}: the first code cell is not the set-up cell"
    assert 'if "google.colab" in sys.modules:' in first
    assert "setup_notebook(" in first


def test_setup_cell_installs_from_the_configured_repository() -> None:
    first = code_cells(BOOK / "en" / f"{chapter_slugs('en')[0]}.md")[0].source
    assert setup_cell_url(first) == repository_url()


def test_setup_cell_installs_the_colab_extra() -> None:
    """In Colab the set-up cell installs ptbook with what Colab's image lacks."""
    first = code_cells(BOOK / "en" / f"{chapter_slugs('en')[0]}.md")[0].source
    assert '%pip install --quiet "ptbook[colab] @ git+{repo}"' in first
