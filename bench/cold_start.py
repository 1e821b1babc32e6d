"""`make run` to the first reply, and each process's memory at idle."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import rss_mb
from launcher.processes import descendants, free_port


@dataclass
class ColdStart:
    """Seconds from `make run` to the prompt and to the first reply; idle RSS."""

    to_prompt_s: float
    to_reply_s: float
    idle_rss_mb: dict[str, float] = field(default_factory=dict)


def _read_until(stream, marker: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    os.set_blocking(stream.fileno(), False)
    while marker not in seen:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {marker!r} within {timeout:.0f} s: {seen[-500:]!r}")
        chunk = stream.read()
        if chunk:
            seen += chunk
        else:
            time.sleep(0.02)
    return seen


def _named_processes(launcher_pid: int) -> dict[str, int]:
    """Find the gateway (the launcher itself), Rasa and the action server."""
    named = {}
    for pid in descendants(launcher_pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"rasa_sdk" in argv:
            named["action server"] = pid
        elif b"rasa" in argv and b"run" in argv:
            named["Rasa server"] = pid
        elif b"launcher" in argv:
            named["gateway (console)"] = pid
    return named


def measure_cold_start(root: Path, state_dir: Path) -> ColdStart:
    """Start `make run` with a trained model, send /start, time the first reply."""
    env = {
        **os.environ,
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "STATE_DIR": str(state_dir),
    }
    env.pop("RASA_URL", None)
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"], cwd=root, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None and process.stdin is not None
        _read_until(process.stdout, b"you>", timeout=300)
        to_prompt = time.monotonic() - started
        process.stdin.write(b"/start\n")
        process.stdin.flush()
        _read_until(process.stdout, b"bot>", timeout=60)
        to_reply = time.monotonic() - started
        time.sleep(3)  # let the first conversation settle before reading memory
        named = _named_processes(process.pid)
        idle = {
            name: rss_mb(pid, with_children=not name.startswith("gateway"))
            for name, pid in sorted(named.items())
        }
        return ColdStart(to_prompt, to_reply, idle)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
