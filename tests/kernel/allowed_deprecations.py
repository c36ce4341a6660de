"""Deprecation and future warnings a chapter may raise, each with its reason.

The audit (``tests/notebook_kernel.py``) fails a notebook on any
``DeprecationWarning`` or ``FutureWarning`` raised by torch, torchvision,
transformers or huggingface_hub, or by a deprecated API a chapter calls directly,
unless it matches an entry here: the module that raised it starts with ``module``
and its message matches the regular expression ``message``.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Allowed(NamedTuple):
    module: str
    message: str
    reason: str


ALLOWED: list[Allowed] = [
    Allowed(
        "torch.utils._pytree",
        r"isinstance\(treespec, LeafSpec\)",
        "torch itself, while `import torch` runs (torch._vmap_internals), uses its own "
        "pytree API it deprecates, and silences the warning; nothing a chapter calls",
    ),
    Allowed(
        "torch.jit",
        r"`torch\.jit\.script` is deprecated",
        "chapter 13 calls torch.jit.script on purpose, inside catch_warnings, to show "
        "the reader that TorchScript is deprecated; torch.func.jacfwd (chapter 4) makes "
        "torch script some helpers of its own the first time forward mode runs",
    ),
    Allowed(
        "torch.jit._trace",
        r"`torch\.jit\.trace(_method)?` is deprecated",
        "SummaryWriter.add_graph (chapter 9, through ptbook.training) draws TensorBoard's "
        "graph tab by tracing the model with torch.jit.trace inside torch itself; torch "
        "has no other way to feed that tab yet",
    ),
]


def allowed(module: str, message: str) -> Allowed | None:
    """Return the entry that allows this warning, or None."""
    for entry in ALLOWED:
        if module.startswith(entry.module) and re.search(entry.message, message):
            return entry
    return None
