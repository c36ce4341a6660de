"""Notebook set-up: where we run, random seeds, the device, and ``glue``."""

from __future__ import annotations

import random
import sys
from typing import Any

import numpy as np
import torch

DEFAULT_SEED = 42


def in_colab() -> bool:
    """Return True when the code runs inside Google Colab."""
    return "google.colab" in sys.modules


def seed_everything(seed: int = DEFAULT_SEED) -> None:
    """Seed Python's, NumPy's and PyTorch's (CPU and all GPUs) random generators.

    ``PYTHONHASHSEED`` is not set: Python fixes its string-hash seed when the
    interpreter starts, so setting it from a running notebook would only reach
    child processes, not the kernel itself.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device


def pick_device() -> torch.device:
    """Return the current accelerator (CUDA, Apple's MPS, XPU, ...) or the CPU.

    ``torch.accelerator`` (PyTorch 2.6 and newer) knows every backend; where the
    installed torch lacks it, CUDA is the only accelerator looked for.
    """
    accelerator = getattr(torch, "accelerator", None)
    if accelerator is not None:
        if accelerator.is_available():
            found = accelerator.current_accelerator()
            if found is not None:
                return torch.device(found.type)
        return torch.device("cpu")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def device_name(device: torch.device) -> str:
    """Describe ``device`` for a reader: the GPU's name on CUDA, else its type."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple silicon GPU (MPS)"
    return device.type


def setup_notebook(seed: int = DEFAULT_SEED, *, quiet: bool = False) -> torch.device:
    """Seed every generator, pick the device and print what the chapter runs on.

    Returns the device so that a chapter can write ``device = setup_notebook()``.
    """
    seed_everything(seed)
    device = pick_device()
    if not quiet:
        where = "Colab" if in_colab() else "local"
        line = f"PyTorch {torch.__version__} | device: {device} | seed: {seed} | {where}"
        if device.type != "cpu":
            line += f" | {device_name(device)}"
        print(line)
    return device


def glue(name: str, value: Any, display: bool = False) -> None:
    """Record ``value`` under ``name`` so that the book's prose can quote it.

    In the book build this is myst-nb's ``glue``. Where myst-nb is not installed
    (Colab, a plain Jupyter), the value is shown when ``display`` is true and
    otherwise nothing happens, so the chapter still runs top to bottom.
    """
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as ipy_display

            ipy_display(value)
        return
    myst_glue(name, value, display=display)


def show_figure(name: str, figure: Any) -> None:
    """Show a Matplotlib figure and record it under ``name`` for the book's prose.

    The book's page places the figure with ``{glue:figure}``, which gives it a
    caption and an ``alt`` text in the page's language; the calling cell is tagged
    ``remove-output`` so that the page does not show the figure twice. In Colab
    or Jupyter the figure simply appears below the cell. In the book's build the
    output also carries a rendering for the site's dark mode (``ptbook.figures``).
    The figure is closed afterwards, so Matplotlib's inline backend does not draw
    it a second time.
    """
    import matplotlib.pyplot as plt

    from ptbook.figures import BookFigure

    glue(name, BookFigure(figure, with_dark=myst_nb_installed()), display=True)
    plt.close(figure)


def myst_nb_installed() -> bool:
    """True where myst-nb is installed: the book's build, not Colab."""
    import importlib.util

    try:
        return importlib.util.find_spec("myst_nb") is not None
    except ValueError:  # imported, without a spec (a stand-in)
        return sys.modules.get("myst_nb") is not None
