"""The kernel every executed notebook runs in (tests/notebook_kernel.py).

Shown on small notebooks executed by nbmake in a separate pytest: a deprecated
API called from a cell fails the notebook, even behind the chapter's own
``filterwarnings("ignore")``; an allowed or unrelated warning does not; and with
``--colab-kernel`` the kernel sees ``google.colab``, as the set-up cell needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import notebook_kernel
from bookfiles import ROOT

TESTS = ROOT / "tests"


def run_notebook(tmp_path: Path, cells: list[str], *options: str) -> subprocess.CompletedProcess:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(notebook, path)
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbmake", str(path), "-p", "notebook_kernel",
         "-p", "no:cacheprovider", "-q", "--color=no", "--rootdir", str(tmp_path), *options],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )  # fmt: skip


DEPRECATED_IN_A_CELL = """\
import warnings
import typing_extensions

warnings.filterwarnings("ignore")  # a chapter hiding it does not hide it from the audit

@typing_extensions.deprecated("old_api is deprecated; use new_api")
def old_api():
    return 1

old_api()
"""


def test_a_deprecated_api_called_from_a_cell_fails_the_notebook(tmp_path: Path) -> None:
    result = run_notebook(tmp_path, [DEPRECATED_IN_A_CELL])
    assert result.returncode == 1, result.stdout[-2000:]
    assert "old_api is deprecated" in result.stdout
    assert "called from the chapter" in result.stdout


def test_warnings_of_other_libraries_and_plain_user_warnings_pass(tmp_path: Path) -> None:
    cells = ["import warnings\nwarnings.warn('just a note')", "print('fine')"]
    result = run_notebook(tmp_path, cells)
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_colab_kernel_sees_google_colab_and_a_plain_one_does_not(tmp_path: Path) -> None:
    probe = "import sys, google.colab\nassert 'google.colab' in sys.modules"
    assert run_notebook(tmp_path, [probe], "--colab-kernel").returncode == 0
    assert run_notebook(tmp_path, [probe]).returncode == 1
    # and, without --uninstall-setup-packages, it leaves this environment's packages be
    still_there = subprocess.run([sys.executable, "-c", "import ptbook, torchinfo"])
    assert still_there.returncode == 0, "the Colab kernel uninstalled the book's packages"


def write_log(path: Path, *entries: dict) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


def entry(module: str, message: str, category: str = "FutureWarning") -> dict:
    return {"category": category, "message": message, "module": module, "stack": [module]}


def test_audit_counts_the_four_libraries_and_the_chapter_once_each(tmp_path: Path) -> None:
    log = write_log(
        tmp_path / "log.jsonl",
        entry("torchvision.io.image", "decoding is deprecated", "DeprecationWarning"),
        entry("torchvision.io.image", "decoding is deprecated", "DeprecationWarning"),
        entry("transformers.trainer", "old argument"),
        entry("__main__", "called directly"),
        entry("matplotlib.cbook", "not ours"),
        entry("torch.jit._script", "`torch.jit.script` is deprecated. Please switch"),
    )
    failures = notebook_kernel.audit_failures(log)
    assert len(failures) == 3, failures  # the duplicate once; matplotlib and jit not
    assert any("called from the chapter" in f for f in failures)
    assert not any("matplotlib" in f or "jit" in f for f in failures)


def test_the_set_up_cells_address_is_redirected_to_a_snapshot(tmp_path: Path) -> None:
    snapshot = tmp_path / "snap"
    snapshot.mkdir()
    notebook_kernel.git_redirect(tmp_path / "gitconfig", snapshot)
    text = (tmp_path / "gitconfig").read_text(encoding="utf-8")
    assert f'[url "file://{snapshot}"]' in text
    assert f"insteadOf = {notebook_kernel.repository_url()}" in text
