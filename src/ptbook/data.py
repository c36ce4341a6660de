"""The book's data root and its offline copies.

Chapters load data with torchvision exactly as a reader would online
(``datasets.FashionMNIST(root, download=True)``). This module only makes sure
that call succeeds on a machine without internet: when a local copy of the
original files exists (Debian's ``dataset-fashion-mnist`` package), it places
them where torchvision looks, so torchvision finds them and skips downloading.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

DATA_ENV_VAR = "PTBOOK_DATA"
DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
FASHION_MNIST_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
SOURCE_NOTE = "SOURCE.txt"
# Mean and standard deviation of the training pixels scaled to [0, 1] (chapter 5 computes them).
FASHION_MEAN = 0.2860
FASHION_STD = 0.3530


class DataUnavailableError(RuntimeError):
    """A data set is neither on this machine nor downloadable from here."""


def find_book_root(start: Path | None = None) -> Path | None:
    """Return the book's repository root (the folder with ``_toc.yml``) above ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file() and (folder / "book").is_dir():
            return folder
    return None


def data_root() -> Path:
    """Return the one data folder the whole book uses, creating it if needed.

    ``$PTBOOK_DATA`` wins; inside the book's repository it is ``<repo>/data``;
    anywhere else (Colab) it is ``./data``.
    """
    if os.environ.get(DATA_ENV_VAR):
        root = Path(os.environ[DATA_ENV_VAR])
    else:
        book_root = find_book_root()
        root = (book_root if book_root else Path.cwd()) / "data"
    root.mkdir(parents=True, exist_ok=True)
    return root.resolve()


def fashion_mnist_raw_dir(root: Path) -> Path:
    """Return the folder in which torchvision expects the four Fashion-MNIST files."""
    return Path(root) / "FashionMNIST" / "raw"


def _has_raw_files(raw: Path) -> bool:
    return all((raw / name).is_file() for name in FASHION_MNIST_FILES)


def _copy_local_fashion_mnist(local_copy: Path, raw: Path) -> bool:
    """Decompress the original ``*.gz`` files from ``local_copy`` into ``raw``."""
    sources = [local_copy / f"{name}.gz" for name in FASHION_MNIST_FILES]
    if not all(path.is_file() for path in sources):
        return False
    raw.mkdir(parents=True, exist_ok=True)
    for source, name in zip(sources, FASHION_MNIST_FILES, strict=True):
        partial = raw / f"{name}.part"
        with gzip.open(source, "rb") as src, partial.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        partial.replace(raw / name)
    return True


def host_reachable(url: str, timeout: float = 3.0) -> bool:
    """Return True if a TCP connection to ``url``'s host can be opened quickly."""
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


def _download_fashion_mnist(root: Path) -> None:
    """Download with torchvision's own code, failing fast and clearly offline."""
    from torchvision import datasets

    mirrors = datasets.FashionMNIST.mirrors
    if not any(host_reachable(mirror) for mirror in mirrors):
        raise DataUnavailableError(
            "Fashion-MNIST is not on this machine and its download mirror "
            f"({', '.join(mirrors)}) cannot be reached. Either connect to the internet, "
            "or install the original files, e.g. on Debian/Ubuntu: "
            "`sudo apt-get install dataset-fashion-mnist` "
            f"(files in {DEBIAN_FASHION_MNIST}), then run `python -m ptbook.data`."
        )
    try:
        for train in (True, False):
            datasets.FashionMNIST(root, train=train, download=True)
    except Exception as error:  # torchvision raises RuntimeError/URLError variants
        raise DataUnavailableError(f"Downloading Fashion-MNIST failed: {error}") from error


def prepare_fashion_mnist(
    root: Path | None = None,
    *,
    local_copy: Path = DEBIAN_FASHION_MNIST,
    download: bool = True,
) -> str:
    """Make sure ``datasets.FashionMNIST(root, download=True)`` finds the data.

    Tries, in order: files already prepared under ``root``; the original files
    in ``local_copy``; torchvision's download. Returns a sentence naming the
    source that was used; raises :class:`DataUnavailableError` if none works.
    """
    root = Path(root) if root is not None else data_root()
    raw = fashion_mnist_raw_dir(root)
    note = raw / SOURCE_NOTE
    if _has_raw_files(raw):
        return note.read_text().strip() if note.is_file() else f"files already in {raw}"
    if _copy_local_fashion_mnist(Path(local_copy), raw):
        source = f"local copy of the original files from {local_copy}"
    elif download:
        _download_fashion_mnist(root)
        source = "downloaded by torchvision from the Fashion-MNIST mirror"
    else:
        raise DataUnavailableError(f"Fashion-MNIST is not in {raw} or {local_copy}.")
    note.write_text(source + "\n")
    return source


def main() -> None:
    """Prepare every data set of the book (``python -m ptbook.data``)."""
    print(f"data root: {data_root()}")
    print(f"Fashion-MNIST: {prepare_fashion_mnist()}")


if __name__ == "__main__":
    main()
