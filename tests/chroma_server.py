"""A real `chroma run` server for tests marked `server` (pytest plugin, see tests/conftest.py).

`chroma_server` is session-scoped: one server on 127.0.0.1 and a free port, data in a temporary
folder, stopped by its own PID at the end. `ChromaServer` can also be used directly by a test that
needs its own server (e.g. to stop it mid-ingest).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from shutil import which

import pytest


def chroma_executable() -> str | None:
    """The `chroma` CLI of this venv, else one on PATH."""
    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else which("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """`chroma run --path PATH --host 127.0.0.1 --port PORT` as a child process."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = Path(path)
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = self.path.parent / f"chroma-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> ChromaServer:
        exe = chroma_executable()
        if exe is None:
            raise RuntimeError("chroma executable not found")
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [exe, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"chroma exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}"
                )
            if self.alive():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"chroma did not answer within {timeout} s on {self.url}")

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    """A running Chroma server for the whole session (tests using it are marked `server`)."""
    if chroma_executable() is None:
        pytest.skip("the `chroma` executable is missing (pip install chromadb provides it)")
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "data").start()
    try:
        yield server
    finally:
        server.stop()
