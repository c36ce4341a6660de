"""The small convolutional network of chapter 11 (Fashion-MNIST, 1x28x28 inputs)."""

from __future__ import annotations

import torch
from torch import nn


class FashionCNN(nn.Module):
    """Two convolution blocks and two linear layers for 28x28 grey images.

    ``conv1`` (5x5) -> ReLU -> 2x2 max-pool -> ``conv2`` (3x3) -> ReLU -> 2x2 max-pool
    -> flatten -> dropout -> ``fc1`` -> ReLU -> dropout -> ``fc2`` (one logit per class).

    Besides ``forward`` it exposes what TensorBoard shows: the feature maps of both
    convolutions (:meth:`feature_maps`) and the ``fc1`` features that feed the
    classifier (:meth:`embed`), used for the projector.
    """

    def __init__(
        self,
        dropout: float = 0.25,
        conv1_channels: int = 8,
        conv2_channels: int = 16,
        embedding_size: int = 32,
        num_classes: int = 10,
    ) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, conv1_channels, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(conv1_channels, conv2_channels, kernel_size=3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.dropout = nn.Dropout(dropout)
        self.fc1 = nn.Linear(conv2_channels * 7 * 7, embedding_size)
        self.fc2 = nn.Linear(embedding_size, num_classes)

    def feature_maps(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the activations after ``conv1`` (28x28) and ``conv2`` (14x14), before pooling."""
        maps1 = self.relu(self.conv1(x))
        maps2 = self.relu(self.conv2(self.pool(maps1)))
        return maps1, maps2

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """Return the ``fc1`` features (after ReLU): the input of the final classifier."""
        _, maps2 = self.feature_maps(x)
        flat = self.pool(maps2).flatten(1)
        return self.relu(self.fc1(self.dropout(flat)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return class logits of shape (batch, num_classes)."""
        return self.fc2(self.dropout(self.embed(x)))
