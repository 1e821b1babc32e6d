"""Percentiles and process memory, the two measurements every bench section uses."""

from __future__ import annotations

import math
import os
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from launcher.processes import descendants


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    """p50/p95/p99/max of a list of durations in seconds."""

    count: int
    p50: float
    p95: float
    p99: float
    worst: float

    @classmethod
    def of(cls, values: list[float]) -> Summary:
        """Summarise durations; an empty list gives NaNs, not an error."""
        return cls(
            len(values),
            percentile(values, 0.50),
            percentile(values, 0.95),
            percentile(values, 0.99),
            max(values) if values else math.nan,
        )


def rss_mb(pid: int, with_children: bool = True) -> float:
    """Resident memory of one process (and its descendants), in MB."""
    total_kb = 0
    for one in (pid, *(descendants(pid) if with_children else ())):
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue  # exited meanwhile
    return total_kb / 1024


@dataclass
class PeakSampler:
    """Sample the RSS of named processes in the background and keep each peak."""

    pids: dict[str, int]
    # Names whose children are other rows (the bench process starts Rasa and actions).
    own_only: frozenset[str] = frozenset()
    interval_s: float = 0.25
    peaks: dict[str, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> PeakSampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval_s)

    def sample(self) -> None:
        """Take one reading of every process."""
        for name, pid in self.pids.items():
            now = rss_mb(pid, with_children=name not in self.own_only)
            self.peaks[name] = max(self.peaks.get(name, 0.0), now)


def machine() -> dict[str, str]:
    """CPU, cores, memory, OS and Python, for the report header."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": " ".join(os.uname()[i] for i in (0, 2)),
    }


def git_commit(root: Path) -> str:
    """Short commit, '+changes' for a modified work tree; 'unknown' without git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+changes" if dirty else "")  # fmt: skip


def ms(values: Iterable[float]) -> list[float]:
    """Seconds to milliseconds."""
    return [v * 1000 for v in values]
