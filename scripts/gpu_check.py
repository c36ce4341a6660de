"""Execute the chapters on this machine and compare what they glue with the CPU build.

    python scripts/gpu_check.py                      # every English chapter
    python scripts/gpu_check.py 02-tensors --require-cuda
    python scripts/gpu_check.py --report _build/gpu-check   # where the report goes

For each chapter the report records the device, the GPU's name, the torch,
CUDA and Python versions, the seconds the chapter took, a failure with the cell
it happened in, and every value the chapter glues into its prose. Each value is
compared with the one the book's own build glued (the executed notebooks in
``_build/jupyter_execute``), and those that differ are listed.

What counts as "differs": a GPU run draws its random numbers from the CUDA
generator (other dropout masks, other ``torch.randn(..., device=...)``), runs
convolutions in TF32 and sums in other orders, so a trained model is a
different sample of the same experiment, and its losses and accuracies move in
the second or third digit. Those differences are expected and harmless; the
prose must already be true for any of them (asserts and glue see to that).
A value that moves by more than ``--rtol`` (default 10 %) relative is worth a
reader's look, because a sentence built around it may read differently.
Timings (keys that name seconds, milliseconds, speed-ups or throughput) are
listed but never compared: they measure the machine. Text values are compared
exactly.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
REFERENCE = ROOT / "_build" / "jupyter_execute" / "book"
TIMING_KEY = re.compile(r"(_ms|_s|_sec|seconds|time|speedup|faster|gflops|per_s)(_|$)")
GLUE_MIME = "application/papermill.record/text/plain"


@dataclass
class Machine:
    """What the chapters ran on."""

    device: str
    gpu: str
    torch: str
    cuda: str
    python: str
    date: str


@dataclass
class ChapterResult:
    """One chapter's run and its glued values."""

    chapter: str
    passed: bool
    seconds: float
    failure: str = ""
    values: dict[str, str] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)


def describe_machine() -> Machine:
    """Return the device, GPU name and versions of this Python environment."""
    import torch

    cuda = torch.cuda.is_available()
    return Machine(
        device="cuda" if cuda else "cpu",
        gpu=torch.cuda.get_device_name(0) if cuda else "none (CPU)",
        torch=torch.__version__,
        cuda=torch.version.cuda or "none",
        python=platform.python_version(),
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _value_text(output: dict[str, Any]) -> str:
    data = output.get("data", {})
    text = data.get(GLUE_MIME) or data.get("text/plain")
    return text if text is not None else f"<{', '.join(data)}>"


def glued_values(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Return every value glued in an executed notebook, as its plain-text form."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                values[record["name"]] = _value_text(output)
    return values


def reference_values(folder: Path, slug: str) -> dict[str, str] | None:
    """Return the values the book's build glued for a chapter, or None if not built.

    myst-nb moves glued outputs out of the executed notebook into ``<slug>.glue.json``.
    """
    glue_file = folder / f"{slug}.glue.json"
    if glue_file.is_file():
        records = json.loads(glue_file.read_text(encoding="utf-8"))
        return {name: _value_text(output) for name, output in records.items()}
    notebook_file = folder / f"{slug}.ipynb"
    if notebook_file.is_file():
        return glued_values(nbformat.read(notebook_file, as_version=4))
    return None


def run_chapter(path: Path, timeout: int) -> tuple[ChapterResult, nbformat.NotebookNode]:
    """Execute one paired notebook in its folder; return the result and the notebook."""
    notebook = nbformat.read(path, as_version=4)
    # Cells that need the internet are tagged skip-execution, as the book build skips them.
    notebook.cells = [
        c for c in notebook.cells if "skip-execution" not in c.get("metadata", {}).get("tags", [])
    ]
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    failure = ""
    try:
        client.execute()
    except CellExecutionError as error:
        failure = _failed_cell(notebook, error)
    except Exception as error:  # a dead kernel, a timeout
        failure = f"{type(error).__name__}: {error}"
    seconds = time.perf_counter() - start
    result = ChapterResult(path.stem, not failure, round(seconds, 1), failure)
    result.values = glued_values(notebook)
    return result, notebook


def _failed_cell(notebook: nbformat.NotebookNode, error: CellExecutionError) -> str:
    """Name the code cell that raised, with the error's last line."""
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = cell.source.splitlines()[0] if cell.source else ""
            return f"code cell {number} ({first[:50]!r}): {error.ename}: {error.evalue}"
    return f"{error.ename}: {error.evalue}"


def as_number(text: str) -> float | None:
    """Read a glued value as a number, if it is one (``'0.8731'``, ``'tensor(3.)'``)."""
    match = re.fullmatch(r"\s*(?:tensor\()?'?(-?[\d.]+(?:e[-+]?\d+)?)'?\)?\s*", text)
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


def compare(values: dict[str, str], reference: dict[str, str], rtol: float) -> list[str]:
    """List the glued values that differ from the reference beyond the tolerance."""
    differences = []
    for key in sorted(set(values) | set(reference)):
        if key not in values or key not in reference:
            where = "this run" if key not in values else "the reference"
            differences.append(f"{key}: missing from {where}")
            continue
        mine, theirs = values[key], reference[key]
        if TIMING_KEY.search(key):
            continue
        a, b = as_number(mine), as_number(theirs)
        if a is not None and b is not None:
            if abs(a - b) > 1e-9 + rtol * max(abs(a), abs(b)):
                differences.append(f"{key}: {mine} here, {theirs} in the reference")
        elif mine != theirs:
            differences.append(f"{key}: {mine[:40]!r} here, {theirs[:40]!r} in the reference")
    return differences


def write_report(machine: Machine, results: list[ChapterResult], folder: Path) -> str:
    """Write ``report.json`` and ``report.md`` into ``folder``; return the Markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"device: {machine.device} | GPU: {machine.gpu} | torch {machine.torch} | "
        f"CUDA {machine.cuda} | Python {machine.python} | {machine.date}",
        "",
        "| chapter | status | seconds | glued values | differ from the CPU build |",
        "|---|---|---:|---:|---|",
    ]
    for r in results:
        status = "pass" if r.passed else f"FAIL: {r.failure}"
        differ = "; ".join(r.differences) if r.differences else "none"
        lines.append(f"| {r.chapter} | {status} | {r.seconds} | {len(r.values)} | {differ} |")
    markdown = "\n".join(lines) + "\n"
    (folder / "report.md").write_text(markdown, encoding="utf-8")
    data = {"machine": asdict(machine), "chapters": [asdict(r) for r in results]}
    (folder / "report.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="*", help="slugs such as 02-tensors (default: all)")
    parser.add_argument("--edition", default="en", choices=["en", "ko"])
    parser.add_argument("--require-cuda", action="store_true", help="fail without a GPU")
    parser.add_argument("--rtol", type=float, default=0.10, help="relative tolerance")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--report", type=Path, default=ROOT / "_build" / "gpu-check")
    args = parser.parse_args(argv)

    machine = describe_machine()
    print(f"gpu_check: {machine}")
    if args.require_cuda and machine.device != "cuda":
        print("gpu_check: --require-cuda, but torch sees no CUDA device", file=sys.stderr)
        return 2
    slugs = args.chapters or sorted(p.stem for p in (BOOK / args.edition).glob("[0-9]*.ipynb"))
    results = []
    for slug in slugs:
        path = BOOK / args.edition / f"{slug}.ipynb"
        result, _ = run_chapter(path, args.timeout)
        reference = reference_values(args.reference / args.edition, slug)
        if reference is not None:
            result.differences = compare(result.values, reference, args.rtol)
        else:
            result.differences = [f"no reference build in {args.reference / args.edition}"]
        state = "pass" if result.passed else f"FAIL ({result.failure})"
        print(f"gpu_check: {slug}: {state} in {result.seconds} s, {len(result.values)} values")
        results.append(result)
    print(write_report(machine, results, args.report))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
