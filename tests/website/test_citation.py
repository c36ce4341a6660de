"""CITATION.cff and the BibTeX entry the start pages print from it."""

from __future__ import annotations

import re
import tomllib

from book_site.citation import CITATION, bibtex, read_citation
from bookfiles import ROOT

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_citation_file_names_the_book_in_both_languages_and_its_version() -> None:
    citation = read_citation()
    assert citation["cff-version"] == "1.2.0"
    assert HANGUL.search(citation["title"]) and re.search(r"[A-Za-z]", citation["title"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["version"] == project["version"]
    assert citation["preferred-citation"]["type"] == "book"
    for key in ("authors", "title", "year", "url"):
        assert citation["preferred-citation"][key], key


def test_bibtex_entry_carries_the_record() -> None:
    citation = read_citation()
    entry = bibtex(citation)
    assert entry.startswith("@book{") and entry.endswith("}")
    assert entry.count("{") == entry.count("}")
    for value in (citation["title"], citation["version"], citation["url"], "2026"):
        assert str(value) in entry


def test_start_pages_print_the_entry() -> None:
    assert CITATION == ROOT / "CITATION.cff"
    for lang in ("en", "ko"):
        source = (ROOT / "book" / lang / "index.md").read_text(encoding="utf-8")
        assert "{book-citation}" in source, f"book/{lang}/index.md does not cite"
