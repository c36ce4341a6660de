"""Chapter 7's training loop and data, for the chapters that build on it.

Chapter 7 writes ``train_one_epoch`` and ``evaluate`` in front of the reader and
chapter 5 splits a validation set off the training images. Later chapters (8, 9,
11) need the same pieces again without repeating them, so they import these
copies: the same steps, with the device passed in instead of read from the
notebook, and no progress bar.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
from torchvision import datasets

from ptbook.data import FASHION_MEAN, FASHION_STD, data_root, prepare_fashion_mnist

VALIDATION_SIZE = 10_000  # chapter 5's split: 50,000 for training, 10,000 to validate
SPLIT_SEED = 42  # chapter 5's seed for ``random_split``


def fashion_mnist_tensors(train: bool, root: str | Path | None = None) -> TensorDataset:
    """One Fashion-MNIST split as a ``TensorDataset`` of normalised (N, 1, 28, 28) images.

    All images are converted at once, as chapter 7 does, with the training
    pixels' mean and standard deviation (``FASHION_MEAN``, ``FASHION_STD``). The
    files are read from ``root`` (default: the book's data root).
    """
    root = Path(root) if root is not None else data_root()
    prepare_fashion_mnist(root)
    dataset = datasets.FashionMNIST(root, train=train, download=True)
    images = dataset.data.unsqueeze(1).float().div(255)
    return TensorDataset((images - FASHION_MEAN) / FASHION_STD, dataset.targets)


def fashion_mnist_splits(
    root: str | Path | None = None,
) -> tuple[TensorDataset, TensorDataset, TensorDataset]:
    """Training, validation and test sets: chapter 5's seeded 50,000/10,000 split.

    The validation set is carved out of the training images; the test set is
    the separate 10,000 images, kept for the final score.
    """
    full_train = fashion_mnist_tensors(train=True, root=root)
    sizes = [len(full_train) - VALIDATION_SIZE, VALIDATION_SIZE]
    generator = torch.Generator().manual_seed(SPLIT_SEED)
    train_part, val_part = random_split(full_train, sizes, generator=generator)
    images, labels = full_train.tensors
    train_set = TensorDataset(images[train_part.indices], labels[train_part.indices])
    val_set = TensorDataset(images[val_part.indices], labels[val_part.indices])
    return train_set, val_set, fashion_mnist_tensors(train=False, root=root)


def train_one_epoch(
    model: nn.Module,
    loader: DataLoader,
    loss_fn: nn.Module,
    optimizer: torch.optim.Optimizer,
    device: torch.device,
) -> tuple[float, float]:
    """One pass over ``loader`` in training mode; return the mean loss and accuracy (%).

    The sums stay on ``device`` and are read once, at the end: ``.item()`` after
    every batch would make the CPU wait for the GPU at every step.
    """
    model.train()
    total_loss = torch.zeros((), device=device)
    correct = torch.zeros((), dtype=torch.long, device=device)
    seen = 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        logits = model(xb)  # 1. forward
        loss = loss_fn(logits, yb)  # 2. loss
        optimizer.zero_grad()  # 3. zero the gradients
        loss.backward()  # 4. backward
        optimizer.step()  # 5. step
        total_loss += loss.detach() * len(yb)
        correct += (logits.argmax(dim=1) == yb).sum()
        seen += len(yb)
    return total_loss.item() / seen, 100 * correct.item() / seen


@torch.inference_mode()
def evaluate(
    model: nn.Module, loader: DataLoader, loss_fn: nn.Module, device: torch.device
) -> tuple[float, float]:
    """Mean loss and accuracy (%) of ``model`` on ``loader``, in evaluation mode.

    Runs under ``torch.inference_mode()`` (chapter 4): it returns plain numbers,
    so nothing it computes can be needed by autograd later.
    """
    model.eval()
    total_loss = torch.zeros((), device=device)
    correct = torch.zeros((), dtype=torch.long, device=device)
    seen = 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        logits = model(xb)
        total_loss += loss_fn(logits, yb) * len(yb)
        correct += (logits.argmax(dim=1) == yb).sum()
        seen += len(yb)
    return total_loss.item() / seen, 100 * correct.item() / seen


@torch.no_grad()
def predict(
    model: nn.Module, loader: DataLoader, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Predicted and true labels of every sample in ``loader`` (on the CPU), in eval mode.

    ``no_grad`` rather than ``inference_mode``: the labels it returns are tensors,
    and a caller may go on to change them in place, which inference tensors forbid.
    """
    model.eval()
    predicted, true = [], []
    for xb, yb in loader:
        predicted.append(model(xb.to(device)).argmax(dim=1).cpu())
        true.append(yb.cpu())
    return torch.cat(predicted), torch.cat(true)
