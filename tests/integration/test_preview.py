"""`make preview LANG=sv BAND=young_teen`: the chat starts in that language and band."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from launcher.processes import free_port
from tests.bot.test_main import wait_for

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def test_preview_chat_answers_as_a_swedish_13_to_15_year_old(tmp_path):
    env = {
        **os.environ,
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "STATE_DIR": str(tmp_path),
    }
    for name in ("RASA_URL", "DEFAULT_LANGUAGE", "DEFAULT_COUNTRY", "FEEDBACK_DB"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "preview", "--language", "sv", "--band", "young_teen"],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        banner = wait_for(process.stdout, b"you>", timeout=240)
        assert b"age band young_teen" in banner, banner.decode(errors="replace")
        process.stdin.write("vad är grooming?\n".encode())
        process.stdin.flush()
        reply = wait_for(process.stdout, b"Varningstecken", timeout=60)
        text = reply.decode(errors="replace")
        # The young_teen text, not the child one ("Vissa låtsas vara din kompis").
        assert "bygger upp ditt förtroende" in text, text
        assert "Vissa låtsas vara din kompis" not in text
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
