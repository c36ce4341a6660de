"""Train chapter 11's CNN on Fashion-MNIST and log everything TensorBoard can show.

``train()`` is a plain PyTorch training loop with one ``SummaryWriter``. It writes,
into one run directory (TensorBoard dashboard: tags):

- Scalars: ``train/batch_loss`` and ``train/grad_norm`` after every batch (x axis:
  batch step); ``loss/train``, ``loss/val``, ``accuracy/train``, ``accuracy/val``
  and ``train/learning_rate`` after every epoch (x axis: epoch).
- Histograms / Distributions: ``weights/<parameter>`` at epochs 0 (initial) to E,
  ``gradients/<parameter>`` (last batch of the epoch) at epochs 1 to E.
- Images: ``inputs/train_images`` (step 0); ``filters/conv1``,
  ``feature_maps/conv1`` and ``feature_maps/conv2`` (one validation image) at epochs 0 to E.
- Graphs: the model graph (``add_graph``).
- Projector: the ``fc1`` features of the first validation images, with class names and
  thumbnails (tag ``fc1_features``, step E).
- HParams: every hyperparameter with the final ``hparam/*`` metrics.

The data are chapter 5's split, as chapter 7 uses it (:func:`ptbook.loop.fashion_mnist_splits`):
training images from the 50,000, validation images from the 10,000 set aside. The
test set is not touched: the runs are compared on the validation set.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch.utils.tensorboard import SummaryWriter
from torchvision import datasets
from torchvision.utils import make_grid
from tqdm import TqdmWarning

from ptbook.data import FASHION_MEAN, FASHION_STD, data_root, prepare_fashion_mnist
from ptbook.loop import fashion_mnist_splits
from ptbook.models import FashionCNN
from ptbook.notebook import pick_device

with warnings.catch_warnings():
    # Without ipywidgets, tqdm.auto falls back to the text bar (which is what a static
    # page shows anyway) and warns "IProgress not found"; that advice is noise here.
    warnings.filterwarnings("ignore", message="IProgress not found", category=TqdmWarning)
    from tqdm.auto import tqdm

CLASS_NAMES: tuple[str, ...] = tuple(datasets.FashionMNIST.classes)
OPTIMIZERS = ("sgd", "adam")
EVAL_BATCH_SIZE = 1000
GRID_IMAGES = 32  # training images in the ``inputs/train_images`` grid
EMBEDDING_IMAGES = 200  # validation images in the projector
EMBEDDING_TAG = "fc1_features"
BAR_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}{postfix}]"  # no rates, whole seconds

Split = tuple[torch.Tensor, torch.Tensor]  # images (N, 1, 28, 28) and labels (N,)


@dataclass(frozen=True)
class HParams:
    """The hyperparameters of :func:`train`; any of them can be overridden by a dict.

    ``momentum`` applies to SGD only. The learning rate is multiplied by
    ``scheduler_gamma`` every ``scheduler_step`` epochs (``StepLR``). Only the first
    ``train_size`` training and ``val_size`` validation images of chapter 5's split
    are used.
    """

    batch_size: int = 64
    learning_rate: float = 0.03
    epochs: int = 3
    dropout: float = 0.25
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    momentum: float = 0.9
    scheduler_step: int = 2
    scheduler_gamma: float = 0.5
    train_size: int = 10_000
    val_size: int = 10_000
    seed: int = 42

    def __post_init__(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, not {self.optimizer!r}")
        for name in ("batch_size", "epochs", "scheduler_step", "train_size", "val_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), not {self.dropout!r}")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be positive, not {self.learning_rate!r}")

    @classmethod
    def names(cls) -> list[str]:
        """Return the valid hyperparameter names, in definition order."""
        return [field.name for field in fields(cls)]

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, Any] | None = None) -> HParams:
        """Return the defaults with ``overrides`` applied; unknown names raise ValueError."""
        overrides = dict(overrides or {})
        unknown = sorted(set(overrides) - set(cls.names()))
        if unknown:
            raise ValueError(
                f"unknown hyperparameter(s): {', '.join(unknown)}; "
                f"valid names: {', '.join(cls.names())}"
            )
        return replace(cls(), **overrides)


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` reports: final metrics, where the logs are, and the settings."""

    hparams: dict[str, Any]
    log_dir: Path
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    seconds: float

    def metrics(self) -> dict[str, float]:
        """Return the four final metrics by name (as logged under ``hparam/<name>``)."""
        return {
            "train_loss": self.train_loss,
            "train_accuracy": self.train_accuracy,
            "val_loss": self.val_loss,
            "val_accuracy": self.val_accuracy,
        }


# --- data -------------------------------------------------------------------------------


def load_splits(root: Path, settings: HParams, device: torch.device) -> tuple[Split, Split]:
    """Return the first ``train_size`` training and ``val_size`` validation images.

    The split is chapter 5's (``ptbook.loop.fashion_mnist_splits``), pre-loaded and
    normalised as in chapter 7: images (N, 1, 28, 28) and labels, on ``device``.
    """
    train_set, val_set, _ = fashion_mnist_splits(root)
    (train_x, train_y), (val_x, val_y) = train_set.tensors, val_set.tensors
    n_train, n_val = settings.train_size, settings.val_size
    return (
        (train_x[:n_train].to(device), train_y[:n_train].to(device)),
        (val_x[:n_val].to(device), val_y[:n_val].to(device)),
    )


def denormalize(images: torch.Tensor) -> torch.Tensor:
    """Undo the normalisation of :func:`load_splits`: pixels back in [0, 1]."""
    return (images * FASHION_STD + FASHION_MEAN).clamp(0.0, 1.0)


def shuffled_batches(
    images: torch.Tensor, labels: torch.Tensor, batch_size: int, generator: torch.Generator
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield mini-batches in a new random order drawn from ``generator`` (on the CPU)."""
    order = torch.randperm(len(images), generator=generator).to(images.device)
    for start in range(0, len(images), batch_size):
        index = order[start : start + batch_size]
        yield images[index], labels[index]


# --- training and evaluation ----------------------------------------------------------------


def make_optimizer(model: torch.nn.Module, hparams: HParams) -> torch.optim.Optimizer:
    """Return SGD (with momentum) or Adam, as ``hparams.optimizer`` says."""
    if hparams.optimizer == "adam":
        return torch.optim.Adam(
            model.parameters(), lr=hparams.learning_rate, weight_decay=hparams.weight_decay
        )
    return torch.optim.SGD(
        model.parameters(),
        lr=hparams.learning_rate,
        momentum=hparams.momentum,
        weight_decay=hparams.weight_decay,
    )


def gradient_norm(model: torch.nn.Module) -> torch.Tensor:
    """Return the L2 norm of all parameter gradients taken together, as a 0-d tensor.

    It stays a tensor on the parameters' device, so asking for it costs no sync.
    """
    norms = [p.grad.detach().norm() for p in model.parameters() if p.grad is not None]
    return torch.stack(norms).norm() if norms else torch.zeros(())


def train_one_epoch(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    batches: Iterator[tuple[torch.Tensor, torch.Tensor]],
    writer: SummaryWriter,
    step: int,
    bar: tqdm,
) -> tuple[float, float, int]:
    """Train on every batch once; return mean loss, accuracy and the new global step.

    The accuracy is measured on the fly, with dropout active. The per-batch values
    stay on the device during the epoch and are read (one sync with a GPU) and
    written to TensorBoard at its end, each with the step and time of its batch.
    """
    model.train()
    losses, norms, hits, sizes, times = [], [], [], [], []
    for images, labels in batches:
        optimizer.zero_grad()
        logits = model(images)
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        norms.append(gradient_norm(model))
        optimizer.step()
        losses.append(loss.detach())
        hits.append((logits.argmax(dim=1) == labels).sum())
        sizes.append(len(labels))
        times.append(time.time())
        bar.update()
    # one transfer for the whole epoch (counts below 2**24 are exact in float32)
    per_batch = [torch.stack(losses), torch.stack(norms), torch.stack(hits).float()]
    loss_values, norm_values, hit_values = torch.stack(per_batch).tolist()
    for loss_value, norm_value, walltime in zip(loss_values, norm_values, times, strict=True):
        step += 1
        writer.add_scalar("train/batch_loss", loss_value, step, walltime=walltime)
        writer.add_scalar("train/grad_norm", norm_value, step, walltime=walltime)
    seen = sum(sizes)
    total_loss = sum(value * size for value, size in zip(loss_values, sizes, strict=True))
    return total_loss / seen, sum(hit_values) / seen, step


@torch.inference_mode()
def evaluate(
    model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor
) -> tuple[float, float]:
    """Return mean cross-entropy loss and accuracy of ``model`` in evaluation mode.

    Pure evaluation, so ``torch.inference_mode()``; the sums stay on the device
    until the end.
    """
    model.eval()
    total_loss = torch.zeros((), device=images.device)
    correct = torch.zeros((), dtype=torch.long, device=images.device)
    for start in range(0, len(images), EVAL_BATCH_SIZE):
        logits = model(images[start : start + EVAL_BATCH_SIZE])
        target = labels[start : start + EVAL_BATCH_SIZE]
        total_loss += F.cross_entropy(logits, target, reduction="sum")
        correct += (logits.argmax(dim=1) == target).sum()
    return total_loss.item() / len(images), correct.item() / len(images)


# --- logging ------------------------------------------------------------------------------


def image_grid(
    images: torch.Tensor, nrow: int = 8, zoom: int = 1, rescale: bool = True
) -> torch.Tensor:
    """Tile (N, 1, H, W) images into one (3, H', W') image for ``add_image``.

    ``zoom`` enlarges each tile (nearest neighbour) so small filters stay visible;
    ``rescale`` stretches each tile to the full grey range.
    """
    images = images.detach().float().cpu()
    if zoom > 1:
        images = F.interpolate(images, scale_factor=zoom, mode="nearest")
    return make_grid(images, nrow=nrow, padding=2, normalize=rescale, scale_each=rescale)


def log_graph(writer: SummaryWriter, model: torch.nn.Module, example: torch.Tensor) -> None:
    """Record the model graph for the Graphs dashboard."""
    with warnings.catch_warnings():
        # add_graph records the graph with torch.jit.trace, which recent PyTorch versions
        # deprecate (FutureWarning) while TensorBoard still has no other way to get it.
        warnings.filterwarnings(
            "ignore", message=r"`torch\.jit\.trace(_method)?` is deprecated", category=FutureWarning
        )
        writer.add_graph(model, example)


def log_histograms(writer: SummaryWriter, model: torch.nn.Module, epoch: int) -> None:
    """Record the distribution of every parameter and, if present, of its gradient."""
    for name, parameter in model.named_parameters():
        writer.add_histogram(f"weights/{name}", parameter.detach().cpu(), epoch)
        if parameter.grad is not None:
            writer.add_histogram(f"gradients/{name}", parameter.grad.detach().cpu(), epoch)


@torch.no_grad()
def log_filters_and_maps(
    writer: SummaryWriter, model: FashionCNN, probe: torch.Tensor, epoch: int
) -> None:
    """Record the first-layer filters and the feature maps of one image (``probe``)."""
    model.eval()
    writer.add_image("filters/conv1", image_grid(model.conv1.weight, zoom=6), epoch)
    maps1, maps2 = model.feature_maps(probe)
    # (1, C, H, W) -> (C, 1, H, W): one grey tile per channel
    writer.add_image("feature_maps/conv1", image_grid(maps1.transpose(0, 1), zoom=2), epoch)
    writer.add_image("feature_maps/conv2", image_grid(maps2.transpose(0, 1), zoom=4), epoch)


@torch.no_grad()
def log_embedding(
    writer: SummaryWriter, model: FashionCNN, images: torch.Tensor, labels: torch.Tensor, step: int
) -> None:
    """Record ``fc1`` features with class names and thumbnails for the Projector."""
    model.eval()
    writer.add_embedding(
        model.embed(images).cpu(),
        metadata=[CLASS_NAMES[label] for label in labels.tolist()],
        label_img=denormalize(images).cpu(),
        global_step=step,
        tag=EMBEDDING_TAG,
    )


def log_hparams(writer: SummaryWriter, hparams: HParams, metrics: Mapping[str, float]) -> None:
    """Record the hyperparameters with the final metrics for the HParams dashboard."""
    # run_name="." keeps the record in this run's own folder; by default add_hparams
    # writes it into a new sub-folder named after the current time, a second "run".
    writer.add_hparams(
        asdict(hparams), {f"hparam/{name}": value for name, value in metrics.items()}, run_name="."
    )


def log_before_training(
    writer: SummaryWriter, model: FashionCNN, train_images: torch.Tensor, probe: torch.Tensor
) -> None:
    """Record what exists before the first step: inputs, graph, initial weights and filters."""
    inputs = image_grid(denormalize(train_images[:GRID_IMAGES]), rescale=False)
    writer.add_image("inputs/train_images", inputs, 0)
    log_graph(writer, model, probe)
    log_histograms(writer, model, 0)
    log_filters_and_maps(writer, model, probe, 0)


def log_after_epoch(
    writer: SummaryWriter,
    model: FashionCNN,
    probe: torch.Tensor,
    epoch: int,
    scalars: Mapping[str, float],
) -> None:
    """Record one epoch: its scalars (tag -> value), histograms, filters and feature maps."""
    for tag, value in scalars.items():
        writer.add_scalar(tag, value, epoch)
    log_histograms(writer, model, epoch)
    log_filters_and_maps(writer, model, probe, epoch)


# --- the entry point ----------------------------------------------------------------------


def fit(
    model: FashionCNN,
    settings: HParams,
    train_split: Split,
    val_split: Split,
    writer: SummaryWriter,
    bar: tqdm,
) -> dict[str, float]:
    """Run every epoch with logging; return the final metrics (as in ``TrainResult``)."""
    optimizer = make_optimizer(model, settings)
    scheduler = torch.optim.lr_scheduler.StepLR(
        optimizer, step_size=settings.scheduler_step, gamma=settings.scheduler_gamma
    )
    generator = torch.Generator().manual_seed(settings.seed)  # batch order
    probe = val_split[0][:1]
    step = 0
    for epoch in range(1, settings.epochs + 1):
        learning_rate = optimizer.param_groups[0]["lr"]
        batches = shuffled_batches(*train_split, settings.batch_size, generator)
        train_loss, train_acc, step = train_one_epoch(model, optimizer, batches, writer, step, bar)
        scheduler.step()
        val_loss, val_acc = evaluate(model, *val_split)
        scalars = {
            "loss/train": train_loss,
            "loss/val": val_loss,
            "accuracy/train": train_acc,
            "accuracy/val": val_acc,
            "train/learning_rate": learning_rate,
        }
        log_after_epoch(writer, model, probe, epoch, scalars)
        bar.set_postfix(epoch=epoch, val_acc=f"{val_acc:.3f}")
    return {
        "train_loss": train_loss,
        "train_accuracy": train_acc,
        "val_loss": val_loss,
        "val_accuracy": val_acc,
    }


def default_log_dir() -> Path:
    """Return ``<data root>/runs/<date-time>``, like ``SummaryWriter``'s own default."""
    return data_root() / "runs" / datetime.now().strftime("%Y%m%d-%H%M%S")


def check_log_dir_is_new(log_dir: Path) -> None:
    """Refuse to mix two runs: TensorBoard would show their events as one run."""
    if log_dir.is_dir() and any(log_dir.iterdir()):
        raise FileExistsError(f"{log_dir} is not empty: choose a new log_dir or delete it first")


def train(
    hparams: Mapping[str, Any] | None = None,
    log_dir: str | Path | None = None,
    *,
    root: str | Path | None = None,
    progress: bool = True,
) -> tuple[FashionCNN, TrainResult]:
    """Train :class:`FashionCNN` on Fashion-MNIST, logging everything to TensorBoard.

    Args:
        hparams: overrides of the defaults in :class:`HParams`; unknown names raise
            ``ValueError``.
        log_dir: the run directory (must be new or empty); default
            ``<data root>/runs/<date-time>``.
        root: where the Fashion-MNIST files are (default: the book's data root).
        progress: show a progress bar where it can be drawn live: a widget in Jupyter or
            Colab (with ``ipywidgets``), a text bar in a terminal. Elsewhere (a notebook
            without widgets, a book build, output sent to a file) no bar is drawn, since
            a text bar there would leave one line per update.

    Returns the trained model (in evaluation mode) and a :class:`TrainResult`. Runs on
    ``cuda`` when available. ``torch.manual_seed(seed)`` is called first, and cuDNN is
    asked for deterministic algorithms, so the run repeats exactly on the same machine.
    A GPU run is not the CPU run, though: dropout draws from the CUDA generator and
    convolutions use TF32 there, so its numbers differ from the CPU's in the second or
    third digit.
    """
    settings = HParams.from_overrides(hparams)
    log_dir = Path(log_dir) if log_dir is not None else default_log_dir()
    check_log_dir_is_new(log_dir)
    root = Path(root) if root is not None else data_root()
    prepare_fashion_mnist(root)
    device = pick_device()

    torch.manual_seed(settings.seed)  # model initialisation and dropout
    train_split, val_split = load_splits(root, settings, device)
    model = FashionCNN(dropout=settings.dropout).to(device)
    steps = settings.epochs * -(-len(train_split[0]) // settings.batch_size)

    start = time.perf_counter()
    # On a GPU, cuDNN's default convolution algorithms may differ from run to run;
    # deterministic ones make the same seed give the same run there too (a small
    # network, so the cost is negligible). On a CPU this changes nothing.
    deterministic = torch.backends.cudnn.flags(enabled=True, benchmark=False, deterministic=True)
    with deterministic, SummaryWriter(log_dir) as writer:
        log_before_training(writer, model, train_split[0], probe=val_split[0][:1])
        with tqdm(
            total=steps,
            desc=log_dir.name,
            unit="batch",
            bar_format=BAR_FORMAT,
            disable=None if progress else True,  # None: tqdm decides, see the docstring
            file=sys.stdout,
        ) as bar:
            metrics = fit(model, settings, train_split, val_split, writer, bar)
        seconds = time.perf_counter() - start
        val_x, val_y = val_split
        log_embedding(
            writer, model, val_x[:EMBEDDING_IMAGES], val_y[:EMBEDDING_IMAGES], settings.epochs
        )
        log_hparams(writer, settings, metrics)
    model.eval()
    return model, TrainResult(hparams=asdict(settings), log_dir=log_dir, seconds=seconds, **metrics)
