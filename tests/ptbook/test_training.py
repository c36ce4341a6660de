"""ptbook.training: a tiny run writes every kind of TensorBoard record, and bad input fails."""

from __future__ import annotations

import io
import warnings
from dataclasses import asdict
from pathlib import Path

import pytest
import torch
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import (
    STORE_EVERYTHING_SIZE_GUIDANCE,
    EventAccumulator,
)
from tensorboard.plugins.hparams import plugin_data_pb2
from torch.utils.tensorboard import SummaryWriter

from ptbook import DataUnavailableError, data_root, prepare_fashion_mnist
from ptbook.loop import fashion_mnist_splits
from ptbook.models import FashionCNN
from ptbook.training import CLASS_NAMES, EMBEDDING_TAG, HParams, TrainResult, log_graph, train

TINY = {"train_size": 200, "val_size": 100, "epochs": 1, "batch_size": 64}
TINY_STEPS = 4  # ceil(200 / 64)
PARAMETERS = [name for name, _ in FashionCNN().named_parameters()]


@pytest.fixture(scope="module")
def root() -> Path:
    """The book's data root with Fashion-MNIST prepared (skip where it cannot be had)."""
    try:
        prepare_fashion_mnist(download=False)
    except DataUnavailableError as error:
        pytest.skip(f"Fashion-MNIST unavailable: {error}")
    return data_root()


@pytest.fixture(scope="module")
def tiny_run(root: Path, tmp_path_factory: pytest.TempPathFactory) -> TrainResult:
    log_dir = tmp_path_factory.mktemp("logs") / "tiny"
    _, result = train(TINY, log_dir, root=root, progress=False)
    return result


@pytest.fixture(scope="module")
def events(tiny_run: TrainResult) -> EventAccumulator:
    return EventAccumulator(
        str(tiny_run.log_dir), size_guidance=STORE_EVERYTHING_SIZE_GUIDANCE
    ).Reload()


def test_result_record(tiny_run: TrainResult) -> None:
    assert tiny_run.hparams == {**asdict(HParams()), **TINY}
    assert tiny_run.log_dir.is_dir()
    for name, value in tiny_run.metrics().items():
        assert value == getattr(tiny_run, name)
    assert 0.0 <= tiny_run.val_accuracy <= 1.0
    assert tiny_run.val_loss > 0


def test_scalars(events: EventAccumulator, tiny_run: TrainResult) -> None:
    batch_tags = ["train/batch_loss", "train/grad_norm"]
    epoch_tags = ["loss/train", "loss/val", "accuracy/train", "accuracy/val"]
    epoch_tags.append("train/learning_rate")
    for tag in batch_tags:
        assert [event.step for event in events.Scalars(tag)] == list(range(1, TINY_STEPS + 1))
    for tag in epoch_tags:
        assert [event.step for event in events.Scalars(tag)] == [1]
    first_rate = events.Scalars("train/learning_rate")[0].value
    assert first_rate == pytest.approx(HParams().learning_rate)
    logged = events.Scalars("accuracy/val")[0].value
    assert logged == pytest.approx(tiny_run.val_accuracy)


def test_histograms_of_every_parameter(events: EventAccumulator) -> None:
    for name in PARAMETERS:
        assert [h.step for h in events.Histograms(f"weights/{name}")] == [0, 1]
        assert [h.step for h in events.Histograms(f"gradients/{name}")] == [1]
    first = events.Histograms("weights/conv1.weight")[0].histogram_value
    assert first.num == 8 * 1 * 5 * 5


def decode(events: EventAccumulator, tag: str, index: int = -1) -> Image.Image:
    return Image.open(io.BytesIO(events.Images(tag)[index].encoded_image_string))


def test_images(events: EventAccumulator) -> None:
    assert [image.step for image in events.Images("inputs/train_images")] == [0]
    for tag in ["filters/conv1", "feature_maps/conv1", "feature_maps/conv2"]:
        assert [image.step for image in events.Images(tag)] == [0, 1]
    grid = decode(events, "inputs/train_images")
    assert grid.size == (8 * 30 + 2, 4 * 30 + 2)  # 32 images of 28 px, padding 2
    filters = decode(events, "filters/conv1")
    assert filters.size == (8 * 32 + 2, 30 + 4)  # 8 filters of 5x5 px zoomed 6x, padding 2


def test_graph(events: EventAccumulator) -> None:
    names = [node.name for node in events.Graph().node]
    for layer in ["Conv2d[conv1]", "Conv2d[conv2]", "Linear[fc1]", "Linear[fc2]"]:
        assert any(layer in name for name in names), layer


def test_graph_is_logged_without_warnings(tmp_path: Path) -> None:
    with SummaryWriter(tmp_path) as writer, warnings.catch_warnings():
        warnings.simplefilter("error")
        log_graph(writer, FashionCNN(), torch.zeros(1, 1, 28, 28))


def test_hparams(events: EventAccumulator, tiny_run: TrainResult) -> None:
    content = events.PluginTagToContent("hparams")
    start = plugin_data_pb2.HParamsPluginData.FromString(
        content["_hparams_/session_start_info"]
    ).session_start_info
    logged = {
        name: value.string_value if value.HasField("string_value") else value.number_value
        for name, value in start.hparams.items()
    }
    assert logged == pytest.approx(tiny_run.hparams)
    for name, value in tiny_run.metrics().items():
        assert events.Scalars(f"hparam/{name}")[0].value == pytest.approx(value)


def test_one_run_directory(tiny_run: TrainResult) -> None:
    """add_hparams must not create a timestamped sub-run next to the real one."""
    event_files = list(tiny_run.log_dir.rglob("events.out.tfevents.*"))
    assert len(event_files) == 2  # the run's writer and add_hparams' writer
    assert {path.parent for path in event_files} == {tiny_run.log_dir}


def test_projector_files(tiny_run: TrainResult) -> None:
    config = (tiny_run.log_dir / "projector_config.pbtxt").read_text()
    assert EMBEDDING_TAG in config
    folder = tiny_run.log_dir / "00001" / EMBEDDING_TAG
    rows = (folder / "tensors.tsv").read_text().strip().splitlines()
    labels = (folder / "metadata.tsv").read_text().strip().splitlines()
    assert len(rows) == len(labels) == TINY["val_size"]
    # the images are chapter 5's validation images, not the test set's
    _, val_set, test_set = fashion_mnist_splits()
    val_labels = val_set.tensors[1][: TINY["val_size"]].tolist()
    assert labels == [CLASS_NAMES[label] for label in val_labels]
    test_labels = test_set.tensors[1][: TINY["val_size"]].tolist()
    assert labels != [CLASS_NAMES[label] for label in test_labels]
    assert len(rows[0].split("\t")) == 32
    assert (folder / "sprite.png").is_file()


def test_same_seed_same_run_and_no_bar_off_a_terminal(
    root: Path, tmp_path: Path, tiny_run: TrainResult, capsys: pytest.CaptureFixture[str]
) -> None:
    _, again = train(TINY, tmp_path / "again", root=root, progress=True)
    assert again.metrics() == tiny_run.metrics()
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""  # captured output is not a terminal


def test_unknown_hyperparameter_is_rejected(tmp_path: Path) -> None:
    expected = r"unknown hyperparameter\(s\): lr; valid names: batch_size, learning_rate"
    with pytest.raises(ValueError, match=expected):
        train({"lr": 0.1}, tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_bad_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="optimizer"):
        HParams.from_overrides({"optimizer": "rmsprop"})
    with pytest.raises(ValueError, match="batch_size"):
        HParams.from_overrides({"batch_size": 0})
    assert HParams.from_overrides({"optimizer": "adam"}).optimizer == "adam"


def test_an_existing_run_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "events.out.tfevents.0").write_bytes(b"")
    with pytest.raises(FileExistsError, match="not empty"):
        train(TINY, tmp_path / "old")
