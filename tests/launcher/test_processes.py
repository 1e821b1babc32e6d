import os
import sys
import time

import pytest

from launcher.processes import ManagedProcess, StartupError, free_port, running

SERVER = """
import http.server, subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
handler = http.server.SimpleHTTPRequestHandler
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""


def alive(pid: int) -> bool:
    """Running and not a zombie (a container's init may be slow to reap)."""
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False


def children_of(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


def test_ready_then_stopped_with_its_children(tmp_path):
    port = free_port()
    process = ManagedProcess(
        "web", [sys.executable, "-c", SERVER, str(port)],
        f"http://127.0.0.1:{port}/", tmp_path / "web.log",
    )  # fmt: skip
    with running([process], tmp_path, timeout_s=20):
        assert process.popen is not None
        pid = process.popen.pid
        deadline = time.monotonic() + 5
        while not children_of(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        grandchildren = children_of(pid)
        assert grandchildren
    assert not alive(pid) or process.popen.poll() is not None
    time.sleep(0.2)
    assert not any(alive(child) for child in grandchildren)


def test_crash_at_start_reports_its_log(tmp_path):
    process = ManagedProcess(
        "broken",
        [sys.executable, "-c", "print('boom: bad config'); raise SystemExit(3)"],
        "http://127.0.0.1:9/",
        tmp_path / "broken.log",
    )
    with (
        pytest.raises(StartupError, match="boom: bad config"),
        running([process], tmp_path, timeout_s=20),
    ):
        pass
