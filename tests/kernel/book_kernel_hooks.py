"""Loaded into every notebook kernel that the test suite starts (see notebook_kernel.py).

``install()`` runs from an IPython start-up file before the notebook's first cell:

- It records every ``DeprecationWarning`` and ``FutureWarning`` raised while the
  notebook runs, with the module that raised it, to the JSON-lines file named by
  ``$PTBOOK_WARNING_LOG``. Python-level warnings are seen at ``warnings.warn`` and
  ``warnings.warn_explicit`` themselves, before any filter, so a chapter's own
  ``filterwarnings("ignore")`` cannot hide them from the audit; warnings raised by
  C code are seen when they are shown (``warnings._showwarnmsg``).
- With ``$PTBOOK_FAKE_COLAB=1`` it makes ``google.colab`` importable, as it is in a
  Colab kernel, so that the set-up cell takes its Colab branch and installs the
  book's helper package itself.

Nothing here changes what a notebook computes or shows: the wrapped functions pass
every argument on, with ``stacklevel`` raised by one for the extra frame.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import sys
import threading
import types
import warnings
from typing import Any

AUDITED = (DeprecationWarning, FutureWarning)
# Frames that only pass a warning on: the warnings machinery and deprecation decorators.
PASS_ON_MODULES = {"warnings", "typing_extensions", __name__}
_state = threading.local()


def raising_module(frame: types.FrameType | None) -> str:
    """Return the module of the first frame that is not warnings machinery."""
    while frame is not None:
        name = frame.f_globals.get("__name__", "?")
        if name not in PASS_ON_MODULES:
            return name
        frame = frame.f_back
    return "?"


def calling_modules(frame: types.FrameType | None, limit: int = 12) -> list[str]:
    """Return the modules of the frames that led to a warning, innermost first."""
    modules: list[str] = []
    while frame is not None and len(modules) < limit:
        name = frame.f_globals.get("__name__", "?")
        skip = name in PASS_ON_MODULES or name.startswith("importlib")
        if not skip and (not modules or modules[-1] != name):
            modules.append(name)
        frame = frame.f_back
    return modules


def record(category: type[Warning], message: Any, frame: types.FrameType, via: str) -> None:
    """Append one audited warning to the log file, if a log file is set."""
    log = os.environ.get("PTBOOK_WARNING_LOG")
    if not log or not issubclass(category, AUDITED):
        return
    entry = {
        "category": category.__name__,
        "message": str(message)[:500],
        "module": raising_module(frame),
        "stack": calling_modules(frame),
        "via": via,
    }
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


def _category_of(message: Any, category: type[Warning] | None) -> type[Warning]:
    if isinstance(message, Warning):
        return type(message)
    return category if category is not None else UserWarning


def _wrap_warn(original: Any) -> Any:
    def warn(
        message: Any, category: Any = None, stacklevel: int = 1, source: Any = None, **kw: Any
    ):
        record(_category_of(message, category), message, sys._getframe(1), "py")
        _state.inside = True
        try:  # **kw: skip_file_prefixes, from Python 3.12 on
            return original(message, category, stacklevel + 1, source, **kw)
        finally:
            _state.inside = False

    warn.__wrapped__ = original  # type: ignore[attr-defined]
    return warn


def _wrap_warn_explicit(original: Any) -> Any:
    def warn_explicit(message: Any, category: Any, *args: Any, **kwargs: Any):
        record(_category_of(message, category), message, sys._getframe(1), "py")
        _state.inside = True
        try:
            return original(message, category, *args, **kwargs)
        finally:
            _state.inside = False

    warn_explicit.__wrapped__ = original  # type: ignore[attr-defined]
    return warn_explicit


def _wrap_showwarnmsg(original: Any) -> Any:
    def showwarnmsg(msg: warnings.WarningMessage) -> None:
        if not getattr(_state, "inside", False):  # raised by C code, not seen yet
            record(msg.category, msg.message, sys._getframe(1), "c")
        original(msg)

    return showwarnmsg


def pretend_colab() -> None:
    """Make ``google.colab`` importable, as in a Colab kernel."""
    try:
        import google  # a namespace package where protobuf is installed
    except ImportError:
        google = types.ModuleType("google")
        google.__path__ = []  # type: ignore[attr-defined]
        sys.modules["google"] = google
    colab = types.ModuleType("google.colab", "Stand-in for Colab's module (book tests).")
    # importlib.util.find_spec("google.colab") (transformers asks) needs a spec.
    colab.__spec__ = importlib.machinery.ModuleSpec("google.colab", None, is_package=True)
    colab.__path__ = []  # type: ignore[attr-defined]
    sys.modules["google.colab"] = colab
    google.colab = colab  # type: ignore[attr-defined]


def install() -> None:
    """Start recording warnings; pretend to be Colab if asked to."""
    if not getattr(warnings.warn, "__wrapped__", None):
        warnings.warn = _wrap_warn(warnings.warn)
        warnings.warn_explicit = _wrap_warn_explicit(warnings.warn_explicit)
        warnings._showwarnmsg = _wrap_showwarnmsg(warnings._showwarnmsg)  # type: ignore[attr-defined]
    if os.environ.get("PTBOOK_FAKE_COLAB") == "1":
        pretend_colab()
