"""ptbook.notebook: seeding, device choice, the set-up line and glue."""

from __future__ import annotations

import os
import random
import sys

import numpy as np
import pytest
import torch

from ptbook import notebook


def draw() -> tuple[float, float, float]:
    return random.random(), float(np.random.rand()), float(torch.rand(1))


def test_seed_everything_repeats_every_generator() -> None:
    notebook.seed_everything(3)
    first = draw()
    notebook.seed_everything(3)
    assert draw() == first
    notebook.seed_everything(4)
    assert draw() != first


def test_seed_everything_leaves_the_environment_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # PYTHONHASHSEED only acts at interpreter start-up; setting it later misleads
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    notebook.seed_everything(3)
    assert "PYTHONHASHSEED" not in os.environ


def test_pick_device_follows_cuda_availability(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert notebook.pick_device() == torch.device("cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert notebook.pick_device() == torch.device("cuda")


def test_setup_notebook_prints_version_device_and_seed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    device = notebook.setup_notebook(seed=11)
    out = capsys.readouterr().out
    assert device == torch.device("cpu")
    assert f"PyTorch {torch.__version__}" in out
    assert "device: cpu" in out and "seed: 11" in out and "local" in out


def test_in_colab_detects_the_colab_module(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not notebook.in_colab()
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert notebook.in_colab()


def test_glue_without_myst_nb_still_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import now raises ImportError
    notebook.glue("demo_value", 1.5)  # hidden: nothing to show, and no error
    notebook.glue("demo_value", 2.5, display=True)
    assert "2.5" in capsys.readouterr().out


def test_glue_uses_myst_nb_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    class FakeMystNb:
        @staticmethod
        def glue(name: str, value: object, display: bool = True) -> None:
            calls.append((name, value, display))

    monkeypatch.setitem(sys.modules, "myst_nb", FakeMystNb)
    notebook.glue("demo_value", 3)
    assert calls == [("demo_value", 3, False)]


def test_show_figure_records_the_figure_and_closes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    recorded = {}
    monkeypatch.setattr(
        notebook, "glue", lambda name, value, display: recorded.update({name: (value, display)})
    )
    from ptbook.figures import BookFigure

    figure, _ = plt.subplots()
    notebook.show_figure("test_curve", figure)
    value, display = recorded["test_curve"]
    assert isinstance(value, BookFigure) and value.figure is figure and display
    assert not plt.fignum_exists(figure.number), "the figure should be closed"
