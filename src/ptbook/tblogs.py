"""Read TensorBoard event files back, and draw chapter 11's dashboards from them.

Chapter 11 writes its logs with ``SummaryWriter`` in front of the reader. A book page
cannot run a TensorBoard server, so to show what the dashboards would show, the
chapter reads the logs back with this module and draws static copies of the panels.
That is bookkeeping, not the lesson, so it lives here: the reading functions return
plain Python and NumPy values, the plotting functions return a Matplotlib figure.

Reading: :func:`load_run` (every record of one run directory), :func:`run_folders`,
:func:`scalars`, :func:`smooth` (TensorBoard's smoothing), :func:`histogram_std`,
:func:`rebin`, :func:`percentile_bands` (the Distributions dashboard),
:func:`image`, :func:`graph_summary`, :func:`hparams`, :func:`hparams_table`,
:func:`projector` and :func:`pca` (the Projector's default view).

Drawing: :func:`plot_learning_curves`, :func:`plot_smoothed`,
:func:`plot_histogram_stack`, :func:`plot_percentile_bands`, :func:`plot_images`
and :func:`plot_pca`.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import (
    STORE_EVERYTHING_SIZE_GUIDANCE,
    EventAccumulator,
    HistogramValue,
)
from tensorboard.plugins.hparams import plugin_data_pb2

EVENT_FILES = "events.out.tfevents.*"  # the name pattern of an event file
HPARAMS_TAG = "_hparams_/session_start_info"  # where add_hparams stores the settings
COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple")

Runs = Mapping[str, EventAccumulator]  # run name -> its loaded event files


# --- reading -------------------------------------------------------------------------------


def load_run(run_dir: str | Path) -> EventAccumulator:
    """Read every event file of one run directory, keeping every record.

    ``EventAccumulator`` alone keeps only a sample of each tag (one histogram,
    four images); ``STORE_EVERYTHING_SIZE_GUIDANCE`` keeps them all.
    """
    return EventAccumulator(str(run_dir), size_guidance=STORE_EVERYTHING_SIZE_GUIDANCE).Reload()


def run_folders(folder: str | Path) -> list[str]:
    """Describe ``folder`` and every folder below it: its event files, then other files.

    One line per folder, ``<name>/: <n> event file(s)``, followed by an indented
    line with the names of the other files, if there are any.
    """
    folder = Path(folder)
    lines = []
    for path in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        files = sorted(p for p in path.iterdir() if p.is_file())
        n_events = sum(p.match(EVENT_FILES) for p in files)
        lines.append(f"{path.relative_to(folder.parent)}/: {n_events} event file(s)")
        others = [p.name for p in files if not p.match(EVENT_FILES)]
        if others:
            lines.append(f"    other files: {', '.join(others)}")
    return lines


def scalars(run: EventAccumulator, tag: str) -> tuple[list[int], list[float]]:
    """Return the steps and the values of one scalar tag, in the order logged."""
    events = run.Scalars(tag)
    return [event.step for event in events], [event.value for event in events]


def smooth(values: Iterable[float], weight: float = 0.6) -> np.ndarray:
    """TensorBoard's Smoothing slider: a debiased exponential moving average.

    ``s_t = weight * s_(t-1) + (1 - weight) * v_t`` from ``s_0 = 0``, divided by
    ``1 - weight**t`` so that the first points are not pulled towards zero.
    """
    if not 0.0 <= weight < 1.0:
        raise ValueError(f"weight must be in [0, 1), not {weight!r}")
    smoothed, last = [], 0.0
    for t, value in enumerate(values, start=1):
        last = weight * last + (1 - weight) * value
        smoothed.append(last / (1 - weight**t))
    return np.array(smoothed)


def histogram_std(histogram: HistogramValue) -> float:
    """The standard deviation of the values of one histogram record.

    A record keeps the number, the sum and the sum of squares of the values, so
    the (population) standard deviation is exact, whatever the buckets.
    """
    mean = histogram.sum / histogram.num
    return float(np.sqrt(max(histogram.sum_squares / histogram.num - mean**2, 0.0)))


def rebin(histogram: HistogramValue, bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Spread a record's bucket counts over ``bins`` equal-width bins; return edges, counts.

    TensorBoard's buckets are narrower near zero. A record stores each bucket's
    upper limit; bucket ``i`` spans ``(bucket_limit[i-1], bucket_limit[i]]``, and
    its count is spread evenly over the part of it between the record's minimum
    and maximum (the outer buckets reach beyond the values).
    """
    low, high = histogram.min, histogram.max
    limits = np.asarray(histogram.bucket_limit, dtype=float)
    counts = np.asarray(histogram.bucket, dtype=float)
    lower = np.clip(np.concatenate([[-np.inf], limits[:-1]]), low, high)
    upper = np.clip(limits, low, high)
    width = upper - lower
    edges = np.linspace(low, high, bins + 1)
    # share of each bucket (columns) that lies below each edge (rows)
    share = np.clip((edges[:, None] - lower) / np.where(width > 0, width, 1.0), 0.0, 1.0)
    share = np.where(width > 0, share, edges[:, None] >= upper)
    cumulative = share @ counts
    cumulative[0], cumulative[-1] = 0.0, counts.sum()  # every value lies in [low, high]
    return edges, np.diff(cumulative)


def percentile_bands(run: EventAccumulator, tag: str) -> tuple[list[int], np.ndarray]:
    """The Distributions dashboard's data for ``tag``: steps, and values of shape (steps, 9).

    The nine columns are the percentiles 0, 6.68, 15.87, 30.85, 50, 69.15, 84.13,
    93.32 and 100 of the values at each step: the minimum, the bands that would
    hold the middle 87 %, 68 % and 38 % of a normal distribution, the median, and
    the maximum. ``EventAccumulator`` computes them ("compressed histograms").
    """
    records = run.CompressedHistograms(tag)
    values = [[value for _, value in r.compressed_histogram_values] for r in records]
    return [r.step for r in records], np.array(values)


def image(run: EventAccumulator, tag: str, index: int = -1) -> tuple[int, np.ndarray]:
    """Return the step and the pixels (height, width, channels) of one logged image."""
    record = run.Images(tag)[index]
    pixels = np.asarray(Image.open(io.BytesIO(record.encoded_image_string)))
    return record.step, pixels


def graph_summary(run: EventAccumulator) -> tuple[int, list[str], Counter[str]]:
    """Summarise the graph that ``add_graph`` logged.

    Returns the number of nodes, the modules in the order they first appear
    (``Conv2d[conv1]``, ...; from node names like ``FashionCNN/Conv2d[conv1]/...``)
    and how often each ``aten::`` operation occurs.
    """
    nodes = run.Graph().node
    scopes = [node.name.split("/")[1] for node in nodes if node.name.count("/") >= 1]
    modules = list(dict.fromkeys(scope for scope in scopes if "[" in scope))
    operations = Counter(node.op for node in nodes if node.op.startswith("aten::"))
    return len(nodes), modules, operations


def hparams(run: EventAccumulator) -> dict[str, float | str]:
    """Return the hyperparameters that ``add_hparams`` stored in a run (name -> value)."""
    content = run.PluginTagToContent("hparams")[HPARAMS_TAG]
    stored = plugin_data_pb2.HParamsPluginData.FromString(content).session_start_info.hparams
    return {
        name: value.string_value if value.HasField("string_value") else value.number_value
        for name, value in stored.items()
    }


def hparams_table(runs: Runs, metrics: Sequence[str]) -> str:
    """The HParams dashboard's table as text, one column per run.

    Rows: the hyperparameters whose values differ between the runs, in
    alphabetical order, then the final value of each metric (the scalar
    ``hparam/<metric>``).
    """
    settings = {name: hparams(run) for name, run in runs.items()}
    names = sorted({key for values in settings.values() for key in values})
    differing = [k for k in names if len({str(s.get(k)) for s in settings.values()}) > 1]

    def shown(value: float | str | None) -> str:
        if value is None:
            return "-"  # not a setting of this run
        return value if isinstance(value, str) else f"{value:g}"

    rows = [["run", *runs]]
    rows += [[key, *(shown(settings[run].get(key)) for run in runs)] for key in differing]
    for metric in metrics:
        values = [run.Scalars(f"hparam/{metric}")[-1].value for run in runs.values()]
        rows.append([metric, *(f"{value:.4f}" for value in values)])
    return "\n".join(f"{row[0]:>14}" + "".join(f"{cell:>10}" for cell in row[1:]) for row in rows)


def projector(folder: str | Path) -> tuple[np.ndarray, list[str]]:
    """Read the vectors (``tensors.tsv``) and labels (``metadata.tsv``) of an embedding."""
    folder = Path(folder)
    features = np.loadtxt(folder / "tensors.tsv", delimiter="\t", ndmin=2)
    labels = (folder / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    return features, labels


def pca(features: np.ndarray, k: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Project ``features`` (n, d) on their first ``k`` principal components.

    Returns the projected points (n, k) and the fraction of the variance that
    every component carries (d,): the singular value decomposition of the
    centred features, as the Projector's PCA view computes it.
    """
    centred = features - features.mean(axis=0)
    _, singular_values, directions = np.linalg.svd(centred, full_matrices=False)
    variance = singular_values**2
    return centred @ directions[:k].T, variance / variance.sum()


# --- drawing -------------------------------------------------------------------------------


def plot_learning_curves(runs: Runs, splits: Sequence[str] = ("train", "val")) -> Figure:
    """Loss and accuracy per epoch (tags ``loss/<split>``, ``accuracy/<split>``).

    One colour per run; a solid line for the first split, dashed for the others.
    """
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
    for (name, run), colour in zip(runs.items(), COLOURS, strict=False):
        for ax, metric in zip(axes, ["loss", "accuracy"], strict=True):
            for split, style in zip(splits, ["-", "--", ":"], strict=False):
                steps, values = scalars(run, f"{metric}/{split}")
                ax.plot(steps, values, style, marker="o", color=colour, label=f"{name} {split}")
    for ax, metric in zip(axes, ["loss", "accuracy"], strict=True):
        ax.set(xlabel="epoch", ylabel=metric, title=metric)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_smoothed(
    runs: Runs, tags: Sequence[str], weights: Sequence[float] = (0.6, 0.95)
) -> Figure:
    """One panel per tag: every run's raw values (faint) and smoothed with each weight."""
    fig, axes = plt.subplots(1, len(tags), figsize=(5 * len(tags), 3.4), squeeze=False)
    for ax, tag in zip(axes[0], tags, strict=True):
        for (name, run), colour in zip(runs.items(), COLOURS, strict=False):
            steps, values = scalars(run, tag)
            ax.plot(steps, values, color=colour, alpha=0.25, linewidth=0.8)
            for width, weight in enumerate(weights, start=1):
                label = f"{name}, w={weight:g}"
                ax.plot(steps, smooth(values, weight), color=colour, linewidth=width, label=label)
        ax.set(xlabel="batch step", title=tag)
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_histogram_stack(runs: Runs, tag: str, bins: int = 30) -> Figure:
    """One panel per run: the histograms of ``tag``, one per step, later ones lower and in front.

    Like the Histograms dashboard's "offset" view; each histogram is a density
    over equal-width bins (:func:`rebin`).
    """
    fig, axes = plt.subplots(
        1, len(runs), figsize=(5 * len(runs), 4), sharex=True, sharey=True, squeeze=False
    )
    for ax, (name, run) in zip(axes[0], runs.items(), strict=True):
        records = run.Histograms(tag)
        last = max(record.step for record in records) or 1
        for record in records:
            edges, counts = rebin(record.histogram_value, bins)
            centres = (edges[:-1] + edges[1:]) / 2
            density = counts / counts.sum() / (edges[1] - edges[0])
            base = (last - record.step) * 2.0
            colour = plt.cm.viridis(record.step / last)
            ax.fill_between(
                centres, base, base + density, color=colour, alpha=0.6, zorder=record.step
            )
            ax.plot(centres, base + density, color="black", linewidth=0.6, zorder=record.step)
            ax.text(edges[0], base + 0.3, f"epoch {record.step} ", ha="right", fontsize=8)
        ax.set(title=f"{name} run: {tag}", xlabel="weight value", yticks=[])
    fig.tight_layout()
    return fig


def plot_percentile_bands(run: EventAccumulator, tags: Sequence[str], run_name: str) -> Figure:
    """One panel per tag: the Distributions dashboard's percentile bands and median."""
    fig, axes = plt.subplots(1, len(tags), figsize=(5 * len(tags), 3.4), squeeze=False)
    for ax, tag in zip(axes[0], tags, strict=True):
        steps, values = percentile_bands(run, tag)
        # bands 0-100 %, 7-93 %, 16-84 %, 31-69 %: darker towards the middle
        for low in range(4):
            ax.fill_between(steps, values[:, low], values[:, 8 - low], color="tab:blue", alpha=0.2)
        ax.plot(steps, values[:, 4], color="tab:blue", label="median")
        ax.set(title=f"{run_name} run: {tag}", xlabel="epoch")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_images(
    run: EventAccumulator,
    panels: Sequence[tuple[str, int]],
    figsize: tuple[float, float] = (8, 4.2),
    step_name: str = "step",
) -> Figure:
    """Logged images one above the other; ``panels`` holds (tag, index of the record).

    Each panel's height follows its image's aspect ratio; its title is the tag
    and the step, called ``step_name`` (for example "epoch").
    """
    pictures = [image(run, tag, index) for tag, index in panels]
    ratios = [pixels.shape[0] / pixels.shape[1] for _, pixels in pictures]
    fig, axes = plt.subplots(len(panels), 1, figsize=figsize, height_ratios=ratios, squeeze=False)
    for ax, (tag, _), (step, pixels) in zip(axes[:, 0], panels, pictures, strict=True):
        ax.imshow(pixels)
        ax.set_title(f"{tag}, {step_name} {step}", fontsize=10)
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_pca(
    points: np.ndarray,
    labels: Sequence[str],
    classes: Sequence[str],
    explained: np.ndarray,
    title: str,
) -> Figure:
    """A scatter plot of 2-D points (from :func:`pca`), one colour per class."""
    fig, ax = plt.subplots(figsize=(7, 5))
    label_array = np.array(labels)
    for index, name in enumerate(classes):
        mask = label_array == name
        ax.scatter(points[mask, 0], points[mask, 1], s=18, color=plt.cm.tab10(index), label=name)
    ax.set(
        xlabel=f"PC 1 ({explained[0]:.0%} of variance)",
        ylabel=f"PC 2 ({explained[1]:.0%})",
        title=title,
    )
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    return fig
