"""Write each chapter's paired ``.ipynb`` from its MyST ``.md`` source (one way only).

    python scripts/sync_notebooks.py          # (re)write every book/<lang>/<slug>.ipynb
    python scripts/sync_notebooks.py --check  # exit 1 if any .ipynb is stale

The notebooks carry no outputs and stable cell ids, so that they change only
when their source changes; Colab opens them and ``pytest --nbmake`` runs them.
The code cells of an exercise's solution (between ``solution-start`` and
``solution-end``) start collapsed, so that a reader can try first.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
EDITIONS = ("ko", "en")
# The gated directives of sphinx-exercise that open and close a solution.
SOLUTION_MARKER = re.compile(r"^`{3,}\{solution-(start|end)\}", re.MULTILINE)
# Jupyter (JupyterLab, Notebook 7) collapses the source; Colab shows its
# form view, the code hidden behind a "Show code" link.
HIDDEN_SOURCE = {"jupyter": {"source_hidden": True}, "cellView": "form"}


def chapter_sources(book: Path = BOOK) -> list[Path]:
    """Return every edition's notebook source (``book/<lang>/*.md`` with a kernel)."""
    sources = []
    for lang in EDITIONS:
        for path in sorted((book / lang).glob("*.md")):
            if "kernelspec:" in path.read_text(encoding="utf-8").split("\n---", 1)[0]:
                sources.append(path)
    return sources


def solution_code_cells(cells: list) -> list[int]:
    """Return the indices of the code cells that lie inside a gated solution."""
    inside, indices = False, []
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            markers = SOLUTION_MARKER.findall(cell.source)
            if markers:
                inside = markers[-1] == "start"
        elif cell.cell_type == "code" and inside:
            indices.append(index)
    return indices


def render_notebook(md_path: Path) -> str:
    """Return the ``.ipynb`` text that pairs with ``md_path``: no outputs, stable ids."""
    notebook = jupytext.read(md_path, fmt="md:myst")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["language_info"] = {"name": "python"}
    # Colab opens the notebook on a GPU runtime (the free tier's T4) when one is free.
    notebook.metadata["accelerator"] = "GPU"
    notebook.metadata["colab"] = {"gpuType": "T4", "provenance": []}
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"{md_path.stem}-{index:03d}"
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    for index in solution_code_cells(notebook.cells):
        notebook.cells[index].metadata.update(HIDDEN_SOURCE)
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    nbformat.validate(notebook)
    return jupytext.writes(notebook, fmt="ipynb")


def stale_notebooks(sources: list[Path]) -> list[Path]:
    """Return the sources whose paired notebook is missing or differs from a fresh render."""
    stale = []
    for md_path in sources:
        ipynb = md_path.with_suffix(".ipynb")
        if not ipynb.is_file() or ipynb.read_text(encoding="utf-8") != render_notebook(md_path):
            stale.append(md_path)
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    parser.add_argument(
        "chapters", nargs="*", type=Path, help="chapter sources (book/LANG/SLUG.md); default: all"
    )
    args = parser.parse_args()
    chosen = [path.resolve() for path in args.chapters] or chapter_sources()
    sources = chosen
    if args.check:
        stale = stale_notebooks(sources)
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}.ipynb (run scripts/sync_notebooks.py)")
        return 1 if stale else 0
    for md_path in sources:
        md_path.with_suffix(".ipynb").write_text(render_notebook(md_path), encoding="utf-8")
        print(f"wrote {md_path.with_suffix('.ipynb').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
