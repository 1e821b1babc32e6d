import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wait_for(stream, marker: bytes, timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    os.set_blocking(stream.fileno(), False)
    while marker not in seen and time.monotonic() < deadline:
        chunk = stream.read()
        if chunk:
            seen += chunk
        time.sleep(0.05)
    return seen


def test_ctrl_c_ends_the_console_even_while_it_waits_for_typing(tmp_path):
    env = {**os.environ, "RASA_URL": "http://127.0.0.1:9", "STATE_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,  # kept open: the console blocks on reading it
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert b"you>" in wait_for(process.stdout, b"you>")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=5) == 0
    finally:
        process.kill()
        process.wait()
