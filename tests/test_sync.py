"""Every paired .ipynb is exactly what the generator makes from its .md."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bookfiles import BOOK
from sync_notebooks import chapter_sources, render_notebook, stale_notebooks


def test_every_chapter_has_a_fresh_notebook() -> None:
    sources = chapter_sources(BOOK)
    assert sources, "no chapter sources found"
    stale = stale_notebooks(sources)
    assert not stale, f"stale notebooks, run `make notebooks`: {[str(p) for p in stale]}"


def test_rendered_notebook_has_no_outputs_and_stable_ids() -> None:
    source = chapter_sources(BOOK)[0]
    first, second = render_notebook(source), render_notebook(source)
    assert first == second
    notebook = json.loads(first)
    ids = [cell["id"] for cell in notebook["cells"]]
    assert len(ids) == len(set(ids))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_an_edited_source_makes_its_notebook_stale(tmp_path: Path) -> None:
    source = chapter_sources(BOOK)[0]
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    copy.with_suffix(".ipynb").write_text(render_notebook(copy), encoding="utf-8")
    assert stale_notebooks([copy]) == []
    copy.write_text(copy.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert stale_notebooks([copy]) == [copy]
