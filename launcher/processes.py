"""Start Rasa and the action server, wait until ready, stop them without orphans."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx


class StartupError(RuntimeError):
    """A process exited or did not become ready; the message has its log tail."""


@dataclass
class ManagedProcess:
    """One child process in its own process group, with its log file."""

    name: str
    argv: list[str]
    ready_url: str
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    popen: subprocess.Popen[bytes] | None = None

    def start(self, cwd: Path) -> None:
        """Launch in a new session so Ctrl-C and cleanup reach its whole group."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            self.argv,
            cwd=cwd,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    def log_tail(self, lines: int = 25) -> str:
        """Return the last lines of the log, for error messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, grace_s: float = 10.0) -> None:
        """Terminate the process group; kill it if it does not exit in time."""
        if self.popen is None or self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=5)


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    """Tell whether something already listens on a loopback port."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid: int) -> set[int]:
    """Child processes (recursively) found in /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def action_server(
    root: Path, port: int, log_dir: Path, env: dict[str, str] | None = None
) -> ManagedProcess:
    """Describe the rasa_sdk action server serving actions/ on loopback."""
    return ManagedProcess(
        name="action server",
        argv=[
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(port),
        ],
        ready_url=f"http://127.0.0.1:{port}/health",
        log_path=log_dir / "actions.log",
        env={"SANIC_HOST": "127.0.0.1", "PYTHONPATH": str(root), **(env or {})},
    )


def rasa_server(
    root: Path,
    model: Path,
    port: int,
    action_port: int,
    log_dir: Path,
    env: dict[str, str] | None = None,
) -> ManagedProcess:
    """Describe the Rasa server with the REST channel and HTTP API on loopback."""
    return ManagedProcess(
        name="Rasa server",
        argv=[
            sys.executable, "-m", "rasa", "run", "--enable-api",
            "--model", str(model),
            "--endpoints", str(root / "endpoints.yml"),
            "--credentials", str(root / "credentials.yml"),
            "--interface", "127.0.0.1", "--port", str(port),
        ],
        ready_url=f"http://127.0.0.1:{port}/status",
        log_path=log_dir / "rasa.log",
        env={
            "PYTHONPATH": str(root),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
            **(env or {}),
        },
    )  # fmt: skip


def wait_ready(processes: list[ManagedProcess], timeout_s: float = 180.0) -> None:
    """Poll each ready URL until it answers 200; fail fast if a process dies."""
    deadline = time.monotonic() + timeout_s
    pending = list(processes)
    with httpx.Client(timeout=2.0) as client:
        while pending:
            for process in list(pending):
                assert process.popen is not None
                if process.popen.poll() is not None:
                    raise StartupError(
                        f"{process.name} exited with code {process.popen.returncode}."
                        f" Last log lines ({process.log_path}):\n{process.log_tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(process.ready_url).status_code == 200:
                        pending.remove(process)
            if pending and time.monotonic() > deadline:
                names = ", ".join(p.name for p in pending)
                raise StartupError(f"not ready after {timeout_s:.0f} s: {names}")
            if pending:
                time.sleep(0.5)


@contextlib.contextmanager
def running(
    processes: list[ManagedProcess], cwd: Path, timeout_s: float = 180.0
) -> Iterator[list[ManagedProcess]]:
    """Start processes, wait until ready, and always stop them afterwards."""
    try:
        for process in processes:
            process.start(cwd)
        wait_ready(processes, timeout_s)
        yield processes
    finally:
        for process in reversed(processes):
            process.stop()
