"""pytest plugin for executed notebooks (nbmake): the kernel they run in.

Loaded by the repository's top-level ``conftest.py`` for every pytest run, this
plugin gives each notebook (an nbmake item) a fresh kernel with an IPython start-up
file (``tests/kernel/book_kernel_hooks.py``) and:

- **audits deprecations**: the notebook fails if torch, torchvision, transformers or
  huggingface_hub raise a ``DeprecationWarning`` or ``FutureWarning`` while it runs,
  or if the chapter itself calls a deprecated API, unless the warning is listed with
  its reason in ``tests/kernel/allowed_deprecations.py``;
- with ``--colab-kernel``, **runs it as Colab would**: ``google.colab`` is
  importable, so the set-up cell takes its Colab branch and installs the helper
  package with its own ``%pip`` line. Git is pointed from the repository's address
  (``repository.url`` in ``_config.yml``) to a snapshot of this checkout (committed
  or not), so the line installs what is being tested. With
  ``--uninstall-setup-packages`` as well (only in an environment made for the
  check: ``scripts/colab_env.py``, ``scripts/colab_check.sh``), the packages that
  line installs are uninstalled before each notebook, so every notebook starts as a
  fresh Colab runtime does, without them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNEL_DIR = Path(__file__).resolve().parent / "kernel"
sys.path.insert(0, str(KERNEL_DIR))
sys.path.insert(0, str(ROOT / "scripts"))

from allowed_deprecations import allowed  # noqa: E402
from colab_env import project_requirements, requirement_name  # noqa: E402
from set_repository import configured_url  # noqa: E402

AUDITED_LIBRARIES = ("torch", "torchvision", "transformers", "huggingface_hub")
CHAPTER_MODULE = "__main__"  # cells run in the kernel's __main__ namespace


def setup_cell_packages() -> list[str]:
    """What the set-up cell installs in Colab: the helper package and its [colab] extra."""
    return ["ptbook", *(requirement_name(r) for r in project_requirements()["colab"])]


STARTUP = """\
def _book_kernel_startup():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("book_kernel_hooks", {path!r})
    module = importlib.util.module_from_spec(spec)
    sys.modules["book_kernel_hooks"] = module
    spec.loader.exec_module(module)
    module.install()


_book_kernel_startup()
del _book_kernel_startup
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("book notebooks")
    group.addoption(
        "--colab-kernel",
        action="store_true",
        help="run notebooks as in Colab: google.colab importable, set-up cell installs ptbook",
    )
    group.addoption(
        "--uninstall-setup-packages",
        action="store_true",
        help="uninstall what the set-up cell installs (ptbook[colab]) before each notebook",
    )


def is_notebook(item: pytest.Item) -> bool:
    return type(item).__name__ == "NotebookItem"


def repository_url() -> str:
    """The address the set-up cell installs from (``repository.url`` in ``_config.yml``)."""
    return configured_url(ROOT)


def snapshot_checkout(target: Path) -> Path:
    """Commit this checkout's files (tracked, or untracked and not ignored) to a new repo."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = ["git", "-C", str(target), "-c", "user.name=book", "-c", "user.email=book@localhost"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "snapshot of the checkout"], check=True)
    return target


def git_redirect(config: Path, snapshot: Path) -> None:
    """Write a git config that fetches the repository's address from ``snapshot``."""
    config.write_text(
        f'[url "file://{snapshot}"]\n'
        f"\tinsteadOf = {repository_url()}\n"
        '[protocol "file"]\n'
        "\tallow = always\n",
        encoding="utf-8",
    )


class NotebookKernel:
    """The start-up files and environment shared by the session's notebook kernels."""

    def __init__(self, colab: bool) -> None:
        self.colab = colab
        self.tmp = Path(tempfile.mkdtemp(prefix="book-kernel-"))
        startup = self.tmp / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        hooks = KERNEL_DIR / "book_kernel_hooks.py"
        (startup / "00-book-kernel.py").write_text(
            STARTUP.format(path=str(hooks)), encoding="utf-8"
        )
        self.env = {"IPYTHONDIR": str(self.tmp / "ipython")}
        if colab:
            snapshot = snapshot_checkout(self.tmp / "checkout")
            git_redirect(self.tmp / "gitconfig", snapshot)
            self.env |= {"PTBOOK_FAKE_COLAB": "1", "GIT_CONFIG_GLOBAL": str(self.tmp / "gitconfig")}

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    config._book_kernel = None  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    kernel = getattr(config, "_book_kernel", None)
    if kernel is not None:
        kernel.close()


def session_kernel(config: pytest.Config) -> NotebookKernel:
    if config._book_kernel is None:  # type: ignore[attr-defined]
        config._book_kernel = NotebookKernel(config.getoption("--colab-kernel"))  # type: ignore[attr-defined]
    return config._book_kernel  # type: ignore[attr-defined]


def uninstall_setup_cell_packages() -> None:
    """Remove what the set-up cell installs, so the next notebook installs it again."""
    subprocess.run(
        [sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", *setup_cell_packages()],
        capture_output=True,
        check=False,
    )


def counted(entry: dict) -> bool:
    """Whether a recorded warning is one the audit counts."""
    module = entry["module"]
    return module == CHAPTER_MODULE or module.split(".")[0] in AUDITED_LIBRARIES


def audit_failures(log: Path) -> list[str]:
    """Return one line per counted, unlisted warning in the log (each once)."""
    if not log.is_file():
        return []
    seen: dict[tuple[str, str, str], str] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if not counted(entry) or allowed(entry["module"], entry["message"]):
            continue
        key = (entry["category"], entry["module"], entry["message"])
        where = "called from the chapter" if entry["module"] == CHAPTER_MODULE else entry["module"]
        via = " <- ".join(entry.get("stack", [])[1:6])
        seen.setdefault(
            key, f"{entry['category']} ({where}{', via ' + via if via else ''}): {entry['message']}"
        )
    return list(seen.values())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    if not is_notebook(item):
        return (yield)
    kernel = session_kernel(item.config)
    if item.config.getoption("--uninstall-setup-packages"):
        uninstall_setup_cell_packages()
    log = kernel.tmp / f"warnings-{item.path.parent.name}-{item.path.stem}.jsonl"
    log.unlink(missing_ok=True)
    saved = {name: os.environ.get(name) for name in [*kernel.env, "PTBOOK_WARNING_LOG"]}
    os.environ.update(kernel.env, PTBOOK_WARNING_LOG=str(log))
    try:
        result = yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    failures = audit_failures(log)
    if failures:
        raise deprecation_failure(item, failures)
    return result


def deprecation_failure(item: pytest.Item, failures: list[str]) -> Exception:
    """An exception that nbmake reports as a notebook failure, with the audit's lines."""
    from nbmake.nb_result import NotebookError, NotebookResult
    from nbmake.pytest_items import NotebookFailedException

    listed = "\n  ".join(failures)
    summary = f"{item.path.name}: {len(failures)} deprecation warning(s) not allowed"
    trace = (
        f"{summary} (fix each, or list it with its reason in "
        f"tests/kernel/allowed_deprecations.py):\n  {listed}"
    )
    return NotebookFailedException(NotebookResult(nb=None, error=NotebookError(summary, trace, 0)))
