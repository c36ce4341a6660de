"""Reading the book's sources: chapters, editions, code cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
EDITIONS = ("ko", "en")


@dataclass(frozen=True)
class CodeCell:
    """The parts of a code cell that must agree between editions."""

    source: str
    tags: tuple[str, ...]


def toc_files() -> list[str]:
    """Return every document listed in ``_toc.yml`` (without extension)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def chapter_slugs(lang: str) -> list[str]:
    """Return the slugs of the notebook chapters of one edition."""
    return [
        path.stem
        for path in sorted((BOOK / lang).glob("*.md"))
        if "kernelspec:" in path.read_text(encoding="utf-8").split("\n---", 1)[0]
    ]


def code_cells(md_path: Path) -> list[CodeCell]:
    """Return the code cells of a MyST notebook, in order."""
    notebook = jupytext.read(md_path, fmt="md:myst")
    return [
        CodeCell(cell.source, tuple(cell.metadata.get("tags", [])))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def first_difference(slug: str, ko: list[CodeCell], en: list[CodeCell]) -> str | None:
    """Describe the first code cell where two editions differ, or return None."""
    for index, (ko_cell, en_cell) in enumerate(zip(ko, en, strict=False)):
        if ko_cell != en_cell:
            first_line = en_cell.source.splitlines()[0] if en_cell.source else ""
            return (
                f"{slug}: code cell {index + 1} differs between ko and en "
                f"(en starts with {first_line!r})"
            )
    if len(ko) != len(en):
        return f"{slug}: ko has {len(ko)} code cells, en has {len(en)}"
    return None


def setup_cell_url(source: str) -> str | None:
    """Return the GitHub address the set-up cell installs the helper package from."""
    match = re.search(r'^\s*repo = "(https://github\.com/[^"\s]+)"$', source, re.M)
    if match is None or 'git+{repo}"' not in source:
        return None
    return match.group(1)
