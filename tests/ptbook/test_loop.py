"""ptbook.loop: chapter 7's loop pieces and chapter 5's split, for later chapters."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from ptbook import loop

CPU = torch.device("cpu")


def separable_data(n: int = 64) -> TensorDataset:
    """Two classes on either side of a plane: one linear layer can fit them exactly."""
    generator = torch.Generator().manual_seed(0)
    inputs = torch.randn(n, 2, generator=generator)
    return TensorDataset(inputs, (inputs.sum(dim=1) > 0).long())


def test_evaluate_weights_batches_by_size() -> None:
    data = separable_data(10)  # batches of 4, 4 and 2
    model = nn.Linear(2, 2)
    loss_fn = nn.CrossEntropyLoss()
    loss, accuracy = loop.evaluate(model, DataLoader(data, batch_size=4), loss_fn, CPU)
    inputs, labels = data.tensors
    with torch.no_grad():
        logits = model(inputs)
    assert loss == pytest.approx(loss_fn(logits, labels).item(), rel=1e-6)
    assert accuracy == pytest.approx(100 * (logits.argmax(dim=1) == labels).float().mean().item())
    assert not model.training


def test_train_one_epoch_steps_the_optimizer_once_per_batch() -> None:
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loader = DataLoader(separable_data(), batch_size=16)
    before = model.weight.detach().clone()
    loop.train_one_epoch(model, loader, nn.CrossEntropyLoss(), optimizer, CPU)
    assert model.training
    assert optimizer.state_dict()["state"] == {}  # plain SGD keeps no state
    assert not torch.equal(before, model.weight)


def test_full_batch_gradient_descent_lowers_the_loss() -> None:
    """A small step of gradient descent on a convex loss cannot raise it."""
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    data = separable_data()
    loader = DataLoader(data, batch_size=len(data))
    loss_fn = nn.CrossEntropyLoss()
    first, _ = loop.evaluate(model, loader, loss_fn, CPU)
    loop.train_one_epoch(model, loader, loss_fn, optimizer, CPU)
    second, _ = loop.evaluate(model, loader, loss_fn, CPU)
    assert second < first


def test_predict_returns_labels_in_loader_order() -> None:
    data = separable_data(20)
    model = nn.Linear(2, 2)
    predicted, true = loop.predict(model, DataLoader(data, batch_size=6), CPU)
    assert torch.equal(true, data.tensors[1])
    assert torch.equal(predicted, model(data.tensors[0]).argmax(dim=1))


def test_splits_follow_chapter_5() -> None:
    train_set, val_set, test_set = loop.fashion_mnist_splits()
    assert (len(train_set), len(val_set), len(test_set)) == (50_000, 10_000, 10_000)
    assert train_set.tensors[0].shape[1:] == (1, 28, 28)
    full = loop.fashion_mnist_tensors(train=True)
    generator = torch.Generator().manual_seed(loop.SPLIT_SEED)
    train_part, val_part = torch.utils.data.random_split(
        full, [50_000, 10_000], generator=generator
    )
    assert set(train_part.indices).isdisjoint(val_part.indices)
    assert torch.equal(train_set.tensors[0], full.tensors[0][train_part.indices])
    assert torch.equal(val_set.tensors[1], full.tensors[1][val_part.indices])
