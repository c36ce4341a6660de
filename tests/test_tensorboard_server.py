"""A real TensorBoard server reads the logs of a tiny ``ptbook.training.train`` run.

The server is started on the loopback interface only, on a free port, and is always
stopped again. Every wait is bounded.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ptbook import DataUnavailableError, data_root, prepare_fashion_mnist
from ptbook.training import train

HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0
DASHBOARDS = ["scalars", "histograms", "distributions", "images", "graphs", "hparams", "projector"]
TENSORBOARD = Path(sys.executable).with_name("tensorboard")
# Loopback requests must not go through a proxy configured in the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """Return a TCP port on the loopback interface that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get_json(url: str) -> Any:
    with OPENER.open(url, timeout=5) as response:
        return json.load(response)


def wait_for(
    url: str, ready: Callable[[Any], bool], process: subprocess.Popen[bytes], log: Path
) -> Any:
    """Poll ``url`` until ``ready(answer)`` is true; fail after START_TIMEOUT_S."""
    deadline = time.monotonic() + START_TIMEOUT_S
    answer = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"tensorboard exited with {process.returncode}:\n{log.read_text()}")
        try:
            answer = get_json(url)
            if ready(answer):
                return answer
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.5)
    pytest.fail(
        f"{url} not ready after {START_TIMEOUT_S} s (last answer: {answer}):\n{log.read_text()}"
    )


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one tiny run, ``tiny``."""
    try:
        prepare_fashion_mnist(download=False)
    except DataUnavailableError as error:
        pytest.skip(f"Fashion-MNIST unavailable: {error}")
    folder = tmp_path_factory.mktemp("runs")
    hparams = {"train_size": 128, "val_size": 64, "epochs": 1}
    train(hparams, folder / "tiny", root=data_root(), progress=False)
    return folder


@pytest.mark.skipif(not TENSORBOARD.is_file(), reason="tensorboard is not installed")
def test_tensorboard_serves_the_run(logs: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "tensorboard.log"
    command = [str(TENSORBOARD), "--logdir", str(logs), "--host", HOST, "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        try:
            base = f"http://{HOST}:{port}/data"
            runs = wait_for(f"{base}/runs", lambda answer: "tiny" in answer, process, log)
            assert runs == ["tiny"]  # no stray sub-run from add_hparams
            # The projector decides in a background thread that it has data: poll.
            wait_for(
                f"{base}/plugins_listing",
                lambda listing: all(listing[name]["enabled"] for name in DASHBOARDS),
                process,
                log,
            )
            assert get_json(f"{base}/plugin/projector/runs") == ["tiny"]
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
