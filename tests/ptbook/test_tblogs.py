"""ptbook.tblogs: what SummaryWriter wrote comes back, with its steps and values."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

from ptbook import tblogs
from ptbook.models import FashionCNN
from ptbook.training import log_graph

matplotlib.use("Agg")

STEPS = [0, 3, 7, 10]  # deliberately not 0, 1, 2, ...
WEIGHTS = torch.linspace(-1.0, 1.0, 101) ** 3 + 0.5  # known values, crowded near 0.5
PIXELS = torch.arange(3 * 4 * 5, dtype=torch.uint8).reshape(3, 4, 5) * 4  # CHW
FEATURES = torch.tensor([[0.0, 0.0, 1.0], [1.0, 2.0, 1.0], [2.0, 4.0, 1.0], [3.0, 6.0, 1.0]])


def write_run(run_dir: Path, learning_rate: float, accuracy: float) -> None:
    """A small run of every kind of record the chapter reads back."""
    with SummaryWriter(run_dir) as writer:
        for step in STEPS:
            writer.add_scalar("loss/train", 1 / (step + 1), step)
        writer.add_scalar("accuracy/train", 50.0, 1)
        writer.add_scalar("loss/val", 0.5, 1)
        writer.add_scalar("accuracy/val", 40.0, 1)
        for epoch in (0, 1):
            writer.add_histogram("weights/w", WEIGHTS * (epoch + 1), epoch)
        writer.add_histogram("constant", torch.full((7,), 0.25), 0)
        writer.add_image("pixels", PIXELS, 2)
        writer.add_embedding(FEATURES, metadata=["a", "b", "a", "b"], global_step=1, tag="emb")
        log_graph(writer, FashionCNN(), torch.zeros(1, 1, 28, 28))
        writer.add_hparams(
            {"optimizer": "sgd", "learning_rate": learning_rate, "epochs": 3},
            {"hparam/accuracy": accuracy},
            run_name=".",
        )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("runs")
    write_run(folder / "one", learning_rate=0.1, accuracy=0.75)
    write_run(folder / "two", learning_rate=0.01, accuracy=0.5)
    return folder


@pytest.fixture(scope="module")
def run(folder: Path) -> EventAccumulator:
    return tblogs.load_run(folder / "one")


def test_scalars_come_back_with_their_steps(run: EventAccumulator) -> None:
    steps, values = tblogs.scalars(run, "loss/train")
    assert steps == STEPS
    # stored as float32
    assert values == pytest.approx([1 / (s + 1) for s in STEPS], rel=1e-6)


def test_every_histogram_is_kept(run: EventAccumulator) -> None:
    """EventAccumulator's default would keep one; load_run keeps them all."""
    records = run.Histograms("weights/w")
    assert [r.step for r in records] == [0, 1]
    first = records[0].histogram_value
    assert first.num == WEIGHTS.numel() == sum(first.bucket)
    assert first.min == pytest.approx(WEIGHTS.min().item())
    assert first.max == pytest.approx(WEIGHTS.max().item())


def test_histogram_std_is_the_values_std(run: EventAccumulator) -> None:
    for record in run.Histograms("weights/w"):
        values = WEIGHTS * (record.step + 1)
        expected = values.double().std(correction=0).item()
        assert tblogs.histogram_std(record.histogram_value) == pytest.approx(expected, rel=1e-6)


def test_rebin_keeps_every_count_in_equal_bins(run: EventAccumulator) -> None:
    histogram = run.Histograms("weights/w")[0].histogram_value
    edges, counts = tblogs.rebin(histogram, bins=10)
    assert len(edges) == 11 and len(counts) == 10
    assert np.allclose(np.diff(edges), np.diff(edges)[0])
    assert edges[0] == histogram.min and edges[-1] == histogram.max
    assert counts.sum() == pytest.approx(histogram.num)
    assert (counts >= 0).all()
    # x**3 crowds the values near its centre: the middle bins hold more than the outer ones
    assert counts[4] + counts[5] > counts[0] + counts[9]


def test_rebin_keeps_the_count_of_a_constant(run: EventAccumulator) -> None:
    """All values equal: every bin has zero width, and the count must not get lost."""
    histogram = run.Histograms("constant")[0].histogram_value
    edges, counts = tblogs.rebin(histogram, bins=4)
    assert np.allclose(edges, 0.25)
    assert counts.sum() == 7


def test_percentile_bands(run: EventAccumulator) -> None:
    steps, bands = tblogs.percentile_bands(run, "weights/w")
    assert steps == [0, 1]
    assert bands.shape == (2, 9)
    assert (np.diff(bands, axis=1) >= 0).all()  # percentiles in increasing order
    for row, scale in zip(bands, (1, 2), strict=True):
        values = WEIGHTS * scale
        assert row[0] == pytest.approx(values.min().item())
        assert row[-1] == pytest.approx(values.max().item())
        assert row[4] == pytest.approx(values.median().item(), abs=0.05 * scale)


def test_image_comes_back_pixel_for_pixel(run: EventAccumulator) -> None:
    step, pixels = tblogs.image(run, "pixels")
    assert step == 2
    assert np.array_equal(pixels, PIXELS.permute(1, 2, 0).numpy())  # PNG is lossless, HWC


def test_graph_summary(run: EventAccumulator) -> None:
    nodes, modules, operations = tblogs.graph_summary(run)
    assert modules[:2] == ["Conv2d[conv1]", "ReLU[relu]"]
    for layer in ["Conv2d[conv2]", "Linear[fc1]", "Linear[fc2]"]:
        assert layer in modules
    assert len(modules) == len(set(modules))
    assert operations["aten::linear"] == 2
    assert 0 < sum(operations.values()) < nodes


def test_hparams_and_their_table(folder: Path) -> None:
    runs = {name: tblogs.load_run(folder / name) for name in ["one", "two"]}
    assert tblogs.hparams(runs["one"]) == pytest.approx(
        {"optimizer": "sgd", "learning_rate": 0.1, "epochs": 3}
    )
    rows = tblogs.hparams_table(runs, ["accuracy"]).splitlines()
    assert rows[0].split() == ["run", "one", "two"]
    assert rows[1].split() == ["learning_rate", "0.1", "0.01"]  # only what differs
    assert rows[2].split() == ["accuracy", "0.7500", "0.5000"]
    assert len(rows) == 3


def test_run_folders_counts_event_files(folder: Path) -> None:
    lines = tblogs.run_folders(folder / "one")
    # the writer's and add_hparams' event files, and the projector's config
    assert lines[0] == "one/: 2 event file(s)"
    assert lines[1] == "    other files: projector_config.pbtxt"
    assert "one/00001/emb/: 0 event file(s)" in lines


def test_projector_and_pca(folder: Path) -> None:
    features, labels = tblogs.projector(folder / "one" / "00001" / "emb")
    assert np.allclose(features, FEATURES.numpy())
    assert labels == ["a", "b", "a", "b"]
    points, explained = tblogs.pca(features)
    # the points lie on one line: the first component carries all the variance
    assert explained[0] == pytest.approx(1.0)
    assert explained.sum() == pytest.approx(1.0)
    distances = np.linalg.norm(np.diff(features, axis=0), axis=1)
    assert np.allclose(np.abs(np.diff(points[:, 0])), distances)
    assert np.allclose(points[:, 1], 0.0, atol=1e-9)


def test_smooth_is_tensorboards_debiased_average() -> None:
    assert np.allclose(tblogs.smooth([5.0, 5.0, 5.0], 0.9), 5.0)  # no pull towards 0
    assert np.array_equal(tblogs.smooth([1.0, 2.0, 3.0], 0.0), [1.0, 2.0, 3.0])
    w = 0.6
    second = (w * (1 - w) * 1.0 + (1 - w) * 3.0) / (1 - w**2)
    assert tblogs.smooth([1.0, 3.0], w) == pytest.approx([1.0, second])
    with pytest.raises(ValueError, match="weight"):
        tblogs.smooth([1.0], 1.0)


def test_plots_draw_one_line_per_run_and_split(folder: Path) -> None:
    runs = {name: tblogs.load_run(folder / name) for name in ["one", "two"]}
    points, explained = tblogs.pca(np.eye(3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [
            tblogs.plot_learning_curves(runs),
            tblogs.plot_smoothed(runs, ["loss/train"]),
            tblogs.plot_histogram_stack(runs, "weights/w"),
            tblogs.plot_percentile_bands(runs["one"], ["weights/w"], "one"),
            tblogs.plot_images(runs["one"], [("pixels", 0), ("pixels", -1)]),
            tblogs.plot_pca(points, ["a", "b", "a"], ["a", "b"], explained, "pca"),
        ]
    curves, smoothed, stacked, bands, images, scatter = figures
    for ax in curves.axes:
        assert len(ax.get_lines()) == 2 * 2  # two runs, train and test
    assert len(smoothed.axes[0].get_lines()) == 2 * 3  # raw and two smoothings per run
    assert len(stacked.axes) == 2
    assert len(bands.axes[0].get_lines()) == 1  # the median
    assert len(images.axes) == 2
    assert len(scatter.axes[0].collections) == 2  # one scatter per class
    for figure in figures:
        matplotlib.pyplot.close(figure)
