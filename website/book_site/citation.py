"""``{book-citation}``: the book's BibTeX entry, made from ``CITATION.cff``.

``CITATION.cff`` at the repository's root is the one record of how to cite the
book (GitHub shows it as "Cite this repository"); the start page of each
edition prints the same facts as BibTeX, so the two cannot drift.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

CITATION = Path(__file__).resolve().parent.parent.parent / "CITATION.cff"
KEY = "pytorch_basics_book"


def read_citation(path: Path = CITATION) -> dict[str, Any]:
    """Return ``CITATION.cff`` as a mapping."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def bibtex(citation: dict[str, Any]) -> str:
    """Return a BibTeX ``@book`` entry for the book's citation record."""
    preferred = citation.get("preferred-citation", citation)
    authors = " and ".join(
        f"{{{a['name']}}}" if "name" in a else f"{a['family-names']}, {a['given-names']}"
        for a in preferred["authors"]
    )
    fields = {
        "title": preferred["title"],
        "author": authors,
        "year": str(preferred.get("year") or str(citation["date-released"])[:4]),
        "version": str(citation["version"]),
        "url": preferred.get("url") or citation["url"],
        "note": "Korean and English editions, executable notebooks",
    }
    width = max(map(len, fields))
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields.items()]
    return "\n".join([f"@book{{{KEY},", *lines, "}"])


class BookCitation(SphinxDirective):
    """Print the BibTeX entry as a code block."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(CITATION))
        text = bibtex(read_citation())
        block = nodes.literal_block(text, text, language="bibtex")
        return [block]


def setup_citation(app: Sphinx) -> None:
    app.add_directive("book-citation", BookCitation)
