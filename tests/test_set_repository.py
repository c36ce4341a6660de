"""scripts/set_repository.py rewrites the address everywhere it is used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bookfiles import ROOT, code_cells, setup_cell_url
from set_repository import set_repository


def test_set_repository_updates_config_and_setup_cells(tmp_path: Path) -> None:
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    shutil.copytree(ROOT / "book", tmp_path / "book", ignore=shutil.ignore_patterns("*.ipynb"))
    set_repository(tmp_path, "someone/their-book")
    config = (tmp_path / "_config.yml").read_text()
    assert "url: https://github.com/someone/their-book" in config
    assert "baseurl: https://someone.github.io/their-book/" in config
    citation = (tmp_path / "CITATION.cff").read_text()
    assert "your-github-user" not in citation
    assert 'repository-code: "https://github.com/someone/their-book"' in citation
    assert 'url: "https://someone.github.io/their-book/"' in citation
    chapters = sorted((tmp_path / "book").glob("*/0*.md"))
    assert chapters
    for md_path in chapters:
        first = code_cells(md_path)[0].source
        assert setup_cell_url(first) == "https://github.com/someone/their-book"
        assert "someone/their-book" in md_path.with_suffix(".ipynb").read_text()


def test_set_repository_rejects_a_malformed_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="OWNER/NAME"):
        set_repository(tmp_path, "not a repo")
