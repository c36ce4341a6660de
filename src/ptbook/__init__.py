"""Helpers for the executable book *PyTorch Basics / 파이토치 기초*.

The package holds only what the chapters need again and again, or what would
distract from the lesson: notebook set-up (seeding, device choice), the book's
data root with its offline copies, and a ``glue`` that also works outside the
book build (for example in Colab). The PyTorch code itself stays in the chapters;
where a later chapter needs code an earlier one taught, it imports a copy from a
module of its own (``ptbook.loop``: chapter 7's loop), not from this namespace.
So does chapter 11 with ``ptbook.tblogs``, which reads TensorBoard's event files back
and draws the dashboards' panels for the book's static pages.
"""

from ptbook.data import (
    DataUnavailableError,
    data_root,
    prepare_fashion_mnist,
)
from ptbook.notebook import (
    device_name,
    glue,
    in_colab,
    pick_device,
    seed_everything,
    setup_notebook,
    show_figure,
)

__all__ = [
    "DataUnavailableError",
    "data_root",
    "device_name",
    "glue",
    "in_colab",
    "pick_device",
    "prepare_fashion_mnist",
    "seed_everything",
    "setup_notebook",
    "show_figure",
]

__version__ = "0.1.0"
