"""website/book_site/katex_start: the KaTeX render server's start-up race, without Node.

A fake server stands in for ``katex-server.js``: like Node, it binds its unix
socket (which creates the file) some time before it listens, then answers
requests in sphinxcontrib-katex's protocol (a little-endian 32-bit length, then
JSON). Upstream connects as soon as the file exists and is refused; the patched
start waits for the listen.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from book_site import katex_start
from sphinxcontrib.katex import KaTeXError, KaTeXServer

FAKE_SERVER = textwrap.dedent(
    """
    import json, os, socket, struct, sys, time

    path, bind_after, listen_after = sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    with open(path + ".pid", "w") as pid_file:
        pid_file.write(str(os.getpid()))
    time.sleep(bind_after)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    time.sleep(listen_after)
    server.listen(1)
    conn, _ = server.accept()

    def receive(size):
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                sys.exit(0)
            data += chunk
        return data

    while True:
        request = json.loads(receive(struct.unpack("<i", receive(4))[0]))
        body = json.dumps({"html": "<span>" + request["latex"] + "</span>"}).encode()
        conn.sendall(struct.pack("<i", len(body)) + body)
    """
)
# Long enough that no scheduling delay lets a connect find the server listening.
NEVER = 3600.0
# Far above any start-up under load: these tests do not measure speed.
GENEROUS_TIMEOUT = 60.0


class FakeServer(KaTeXServer):
    """``KaTeXServer`` that runs the fake server instead of Node."""

    script: Path
    bind_after = 0.0
    listen_after = 0.5

    @classmethod
    def build_command(cls, socket: Path | None = None, port: int | None = None) -> list[str]:
        timing = [str(cls.bind_after), str(cls.listen_after)]
        return [sys.executable, str(cls.script), "--socket", str(socket), *timing]


@pytest.fixture
def rundir() -> Iterator[Path]:
    """A short directory: a unix socket's path must fit in about 100 bytes."""
    with tempfile.TemporaryDirectory(prefix="katex-") as directory:
        yield Path(directory)


@pytest.fixture
def server(rundir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeServer]]:
    """The fake server's class; any process it left running is killed afterwards."""
    script = rundir / "fake_katex_server.py"
    script.write_text(FAKE_SERVER)
    monkeypatch.setattr(FakeServer, "script", script, raising=False)
    yield FakeServer
    pid_file = rundir / "katex.sock.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def server_pid(rundir: Path) -> int:
    return int((rundir / "katex.sock.pid").read_text())


def is_running(pid: int) -> bool:
    """Whether ``pid`` is alive (a zombie, exited but not yet waited for, counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_upstream_connects_before_the_server_listens(
    server: type[FakeServer], rundir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "listen_after", NEVER)
    upstream = katex_start.UPSTREAM_START.__func__
    with pytest.raises(ConnectionRefusedError):
        upstream(server, rundir, GENEROUS_TIMEOUT)


def test_patched_start_waits_for_the_listen(
    server: type[FakeServer], rundir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bind late too, so that both the missing file and the refused connect are retried.
    monkeypatch.setattr(server, "bind_after", 0.3)
    monkeypatch.setattr(server, "listen_after", 0.5)
    process, sock = katex_start.start_server_process(server, rundir, GENEROUS_TIMEOUT)
    katex = server(rundir, process, sock)
    try:
        response = katex.render({"latex": "x^2", "katex_options": {}}, GENEROUS_TIMEOUT)
        assert response == {"html": "<span>x^2</span>"}
    finally:
        sock.close()
        process.kill()
        process.wait()


def test_patched_start_gives_up_and_stops_the_server(
    server: type[FakeServer], rundir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "listen_after", NEVER)
    outcome: list[BaseException | None] = []

    def start() -> None:
        try:
            katex_start.start_server_process(server, rundir, 1.0)
        except BaseException as error:
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=start, daemon=True)
    thread.start()
    thread.join(GENEROUS_TIMEOUT)
    assert outcome, "still trying to connect long after the timeout"
    error = outcome[0]
    assert isinstance(error, KaTeXError)
    assert "did not came up after 1.0 seconds" in str(error)
    assert isinstance(error.__cause__, ConnectionRefusedError)
    assert not is_running(server_pid(rundir))


def test_patch_replaces_upstream_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KaTeXServer, "start_server_process", katex_start.UPSTREAM_START)
    for _ in range(2):
        katex_start.patch_katex_server()
        installed = KaTeXServer.__dict__["start_server_process"]
        assert installed.__func__ is katex_start.start_server_process
    assert FakeServer.start_server_process.__func__ is katex_start.start_server_process


def test_sphinx_extension_installs_the_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KaTeXServer, "start_server_process", katex_start.UPSTREAM_START)
    calls: list[str] = []

    class App:
        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: calls.append(name)

    import book_site

    book_site.setup(App())  # type: ignore[arg-type]
    assert calls[0] == "setup_extension"
    installed = KaTeXServer.__dict__["start_server_process"]
    assert installed.__func__ is katex_start.start_server_process
