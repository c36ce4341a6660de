"""What would break on a GPU, caught on the CPU.

On a CUDA machine ``torch.load(..., map_location=device)`` puts every tensor of a
file on the GPU, a random generator's state included, and
``Generator.set_state`` accepts only a CPU tensor. On a CPU build ``device`` is the
CPU, so the mistake never shows. Here the chapter's checkpoint restore runs with a
``torch.load`` that sends whatever is not explicitly asked for on the CPU to the
``meta`` device, as a GPU would send it to CUDA.

The GPU check (``scripts/gpu_check.py``) also runs here, on one small chapter.
"""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest
from bookfiles import BOOK, ROOT
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

GPU_CHECK = ROOT / "scripts" / "gpu_check.py"
ELSEWHERE = '''
import torch as _torch

_real_load = _torch.load


def _load_as_on_a_gpu(f, *args, map_location=None, **kwargs):
    """Like torch.load on a GPU machine: only "cpu" means the CPU."""
    if map_location != "cpu":
        map_location = "meta"
    return _real_load(f, *args, map_location=map_location, **kwargs)


_torch.load = _load_as_on_a_gpu
'''


def restore_cell_index(cells: list) -> int:
    for index, cell in enumerate(cells):
        if cell.cell_type == "code" and "torch.load(checkpoint_path" in cell.source:
            return index
    raise AssertionError("chapter 10 has no cell that loads checkpoint_path")


def test_chapter_8_resumes_from_its_checkpoint_when_tensors_load_off_the_cpu() -> None:
    notebook = nbformat.read(BOOK / "en" / "10-saving.ipynb", as_version=4)
    restore = restore_cell_index(notebook.cells)
    cells = [
        c
        for c in notebook.cells[:restore]
        if c.cell_type == "code" and "skip-execution" not in c.metadata.get("tags", [])
    ]
    restore_cell = notebook.cells[restore]
    wrong = nbformat.v4.new_code_cell(
        restore_cell.source.replace('map_location="cpu"', "map_location=device")
    )
    patch = nbformat.v4.new_code_cell(ELSEWHERE)
    client = NotebookClient(
        notebook, timeout=300, resources={"metadata": {"path": str(BOOK / "en")}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(cells):
            client.execute_cell(cell, index)
        client.execute_cell(patch, len(cells))
        # The way the chapter must not do it fails here, as it would on a GPU...
        with pytest.raises(CellExecutionError):
            client.execute_cell(wrong, len(cells) + 1)
        # ...and the chapter's own cell restores and resumes.
        client.execute_cell(restore_cell, len(cells) + 2)
        check = notebook.cells[restore + 1]
        assert "same_losses" in check.source
        client.execute_cell(check, len(cells) + 3)


def test_gpu_check_runs_a_chapter_on_the_cpu_and_matches_the_build(tmp_path) -> None:
    report = tmp_path / "report"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "gpu_check.py"),
            "03-einsum",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((report / "report.json").read_text())
    assert data["machine"]["device"] in {"cpu", "cuda"}
    (chapter,) = data["chapters"]
    assert chapter["passed"] and chapter["values"], chapter
    if data["machine"]["device"] == "cpu":
        # Same machine as the build: every glued value but the timings agrees.
        assert chapter["differences"] == [], chapter["differences"]
    assert "| 03-einsum | pass |" in (report / "report.md").read_text()


def test_gpu_check_refuses_to_run_without_cuda_when_asked() -> None:
    pytest.importorskip("torch")
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    result = subprocess.run(
        [sys.executable, str(GPU_CHECK), "03-einsum", "--require-cuda"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no CUDA device" in result.stderr
