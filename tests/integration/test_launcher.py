"""`make run` end to end: start, chat, Ctrl-C, and no process left behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from launcher.processes import descendants, free_port
from launcher.training import ensure_model
from tests.bot.test_main import wait_for

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def running_pids(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_run_chats_without_retraining_and_ctrl_c_leaves_no_orphans(tmp_path):
    model = ensure_model(ROOT).path
    before = model.stat().st_mtime
    env = {
        **os.environ,
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "STATE_DIR": str(tmp_path),
    }
    env.pop("RASA_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "launcher"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        output = wait_for(process.stdout, b"you>", timeout=240)
        assert b"data unchanged" in output, output.decode(errors="replace")
        children = descendants(process.pid)
        assert len(children) >= 2
        process.stdin.write(b"/start\n")
        process.stdin.flush()
        reply = wait_for(process.stdout, b"[4]", timeout=30)
        assert b"bot>" in reply and b"Norsk" in reply
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        time.sleep(0.5)
        assert running_pids(children) == set()
        assert model.stat().st_mtime == before
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
