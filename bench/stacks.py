"""The assistants under test: ours (Rasa + action server) and a stock `rasa init`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from launcher.processes import ManagedProcess, action_server, free_port, rasa_server


def our_processes(
    root: Path, model: Path, work: Path, database_url: str
) -> tuple[list[ManagedProcess], str]:
    """Action server and Rasa server of this project, on free loopback ports."""
    rasa_port, action_port = free_port(), free_port()
    env = {"DATABASE_URL": database_url, "OPENING_HOURS": ""}
    processes = [
        action_server(root, action_port, work / "logs", env),
        rasa_server(root, model, rasa_port, action_port, work / "logs"),
    ]
    return processes, f"http://127.0.0.1:{rasa_port}"


def create_baseline(project: Path) -> float:
    """`rasa init --no-prompt`: create and train the stock assistant; return seconds."""
    project.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with (project.parent / "baseline-init.log").open("wb") as log:
        subprocess.run(
            [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir",
             str(project)],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, check=True,
        )  # fmt: skip
    return time.monotonic() - started


def baseline_process(project: Path) -> tuple[ManagedProcess, str]:
    """The stock assistant's Rasa server (it has no custom actions to serve)."""
    port = free_port()
    process = ManagedProcess(
        name="baseline Rasa server",
        argv=[sys.executable, "-m", "rasa", "run", "--enable-api",
              "--model", str(project / "models"),
              "--interface", "127.0.0.1", "--port", str(port)],
        ready_url=f"http://127.0.0.1:{port}/status",
        log_path=project.parent / "logs" / "baseline-rasa.log",
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def model_file(folder: Path) -> Path:
    """The newest model archive in a folder."""
    return max(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
