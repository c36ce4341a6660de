"""Start sphinxcontrib-katex's render server without a start-up race.

With ``katex_prerender`` (see ``assets``), sphinxcontrib-katex renders math in
a Node process, ``katex-server.js``, which it talks to over a unix socket.
``KaTeXServer.start_server_process`` (sphinxcontrib-katex 0.9.11) starts Node,
waits until the socket *file* exists and then connects once. But Node creates
the file when it binds the socket, before it listens on it, and a connect in
between is refused: the build then stops with ``ConnectionRefusedError``. The
window is short, yet CPU load widens it enough to break builds.

``start_server_process`` below replaces upstream's method and differs only in
how it connects: it tries until a connect succeeds, retrying while the socket
file is missing (``FileNotFoundError``) or not yet listening
(``ConnectionRefusedError``), within the start-up timeout upstream passes
(``STARTUP_TIMEOUT``, 5 s). When that runs out it stops the server and raises
upstream's own time-out error (a ``KaTeXError`` suggesting a longer
``STARTUP_TIMEOUT``), chained to the last connection error. Windows, where
upstream uses a TCP port and already retries refused connections, is
untouched.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from subprocess import PIPE, Popen

from sphinxcontrib.katex import KaTeXServer, socket_timeout

# Upstream's method, kept for the tests that show its race.
UPSTREAM_START = KaTeXServer.__dict__["start_server_process"]
# Pause between connection attempts, in seconds.
RETRY_INTERVAL = 0.01
# Errors that mean "not listening yet": no socket file, or no listen() on it.
NOT_LISTENING = (FileNotFoundError, ConnectionRefusedError)


def connect_when_listening(path: Path, deadline: float) -> socket.socket:
    """Connect to the unix socket at ``path`` once a server listens on it.

    Retries while the connection fails with one of ``NOT_LISTENING``, until
    ``deadline`` (a ``time.monotonic()`` value); then raises the last error.
    A single connect is bounded by the time left and raises ``TimeoutError``.
    """
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with socket_timeout(sock, max(deadline - time.monotonic(), RETRY_INTERVAL)):
                sock.connect(str(path))
        except NOT_LISTENING:
            sock.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(RETRY_INTERVAL)
        except BaseException:
            sock.close()
            raise
        else:
            return sock


def start_server_process(
    cls: type[KaTeXServer], rundir: Path, timeout: float
) -> tuple[Popen[bytes], socket.socket]:
    """Start the render server in ``rundir`` and connect to it (upstream's method, fixed).

    Raises ``cls.timeout_error(timeout)`` if the server does not listen within
    ``timeout`` seconds, after stopping the server process.
    """
    socket_path = rundir / "katex.sock"
    process = Popen(cls.build_command(socket=socket_path), stdin=PIPE, stdout=PIPE, cwd=rundir)
    try:
        sock = connect_when_listening(socket_path, time.monotonic() + timeout)
    except (*NOT_LISTENING, TimeoutError) as error:
        process.kill()
        process.wait()
        raise cls.timeout_error(timeout) from error
    return process, sock


def patch_katex_server() -> None:
    """Make ``KaTeXServer`` start its server with ``start_server_process`` (idempotent)."""
    KaTeXServer.start_server_process = classmethod(start_server_process)  # type: ignore[assignment]
