"""ptbook.data: the data root and Fashion-MNIST offline preparation."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from ptbook import data

PAYLOAD = {name: f"contents of {name}".encode() for name in data.FASHION_MNIST_FILES}


def fake_local_copy(folder: Path) -> Path:
    """Write gzipped stand-ins of the four original files (for the copy logic only)."""
    folder.mkdir(parents=True)
    for name, payload in PAYLOAD.items():
        with gzip.open(folder / f"{name}.gz", "wb") as handle:
            handle.write(payload)
    return folder


def test_data_root_prefers_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data.DATA_ENV_VAR, str(tmp_path / "elsewhere"))
    assert data.data_root() == (tmp_path / "elsewhere").resolve()
    assert (tmp_path / "elsewhere").is_dir()


def test_data_root_is_the_repository_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(data.DATA_ENV_VAR, raising=False)
    (tmp_path / "_toc.yml").write_text("root: index\n")
    chapter_dir = tmp_path / "book" / "ko"
    chapter_dir.mkdir(parents=True)
    monkeypatch.chdir(chapter_dir)
    assert data.data_root() == (tmp_path / "data").resolve()


def test_data_root_outside_the_repository_is_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(data.DATA_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert data.data_root() == (tmp_path / "data").resolve()


def test_prepare_decompresses_a_local_copy_once(tmp_path: Path) -> None:
    local = fake_local_copy(tmp_path / "debian")
    root = tmp_path / "root"
    source = data.prepare_fashion_mnist(root, local_copy=local, download=False)
    assert str(local) in source
    raw = data.fashion_mnist_raw_dir(root)
    for name, payload in PAYLOAD.items():
        assert (raw / name).read_bytes() == payload
    # A second call finds the prepared files and reports the same source.
    assert data.prepare_fashion_mnist(root, local_copy=tmp_path / "gone", download=False) == source


def test_missing_everywhere_gives_a_clear_error_not_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "host_reachable", lambda url, timeout=3.0: False)
    start = time.perf_counter()
    with pytest.raises(data.DataUnavailableError) as error:
        data.prepare_fashion_mnist(tmp_path / "root", local_copy=tmp_path / "nothing")
    assert time.perf_counter() - start < 5
    message = str(error.value)
    assert "cannot be reached" in message and "dataset-fashion-mnist" in message


def test_no_download_allowed_and_no_copy(tmp_path: Path) -> None:
    with pytest.raises(data.DataUnavailableError, match="not in"):
        data.prepare_fashion_mnist(tmp_path / "root", local_copy=tmp_path / "x", download=False)


def test_host_reachable_is_false_for_a_closed_local_port() -> None:
    assert data.host_reachable("http://127.0.0.1:9/", timeout=1.0) is False


@pytest.mark.skipif(
    not (data.DEBIAN_FASHION_MNIST / "train-images-idx3-ubyte.gz").is_file(),
    reason="Debian's dataset-fashion-mnist is not installed",
)
def test_torchvision_loads_the_prepared_debian_copy(tmp_path: Path) -> None:
    from torchvision import datasets

    data.prepare_fashion_mnist(tmp_path, download=False)
    train = datasets.FashionMNIST(tmp_path, train=True, download=True)
    test = datasets.FashionMNIST(tmp_path, train=False, download=True)
    assert (len(train), len(test)) == (60_000, 10_000)
    image, label = train[0]
    assert image.size == (28, 28) and label == 9  # the first training image is an ankle boot


@pytest.mark.skipif(
    not (data.DEBIAN_FASHION_MNIST / "train-images-idx3-ubyte.gz").is_file(),
    reason="Debian's dataset-fashion-mnist is not installed",
)
def test_normalisation_constants_match_the_training_pixels(tmp_path: Path) -> None:
    from torchvision import datasets

    data.prepare_fashion_mnist(tmp_path, download=False)
    pixels = datasets.FashionMNIST(tmp_path, train=True, download=True).data.float().div(255)
    assert abs(pixels.mean().item() - data.FASHION_MEAN) < 1e-4
    assert abs(pixels.std().item() - data.FASHION_STD) < 1e-4
