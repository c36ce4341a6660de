"""website/book_site/provenance: the line under each chapter's title."""

from __future__ import annotations

import contextlib
import io

import pytest
import torch
from book_site.provenance import Provenance, provenance_text, read_setup_line

from ptbook import setup_notebook


def test_reads_what_setup_notebook_prints() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        device = setup_notebook(seed=7)
    found = read_setup_line(printed.getvalue())
    assert found is not None, printed.getvalue()
    version, where = found
    assert version == torch.__version__
    assert where.startswith(device.type)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PyTorch 2.14.1+cu130 | device: cpu | seed: 42 | local\n", ("2.14.1+cu130", "cpu")),
        (
            "PyTorch 2.11.0 | device: cuda | seed: 42 | Colab | NVIDIA H200\n",
            ("2.11.0", "cuda (NVIDIA H200)"),
        ),
        ("Fashion-MNIST source: local copy\n", None),
    ],
)
def test_reads_the_version_and_the_device(line: str, expected: tuple[str, str] | None) -> None:
    assert read_setup_line(line) == expected


def test_both_languages_name_the_run_without_a_particle_after_a_value() -> None:
    run = Provenance("2026-12-03", "2.14.1", "cpu")
    assert provenance_text("en", run) == "Last executed 2026-12-03 with PyTorch 2.14.1 on cpu · "
    korean = provenance_text("ko", run)
    assert korean == "마지막 실행: 2026-12-03, 파이토치 2.14.1, 장치 cpu · "
