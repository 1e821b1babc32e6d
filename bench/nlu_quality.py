"""NLU quality on a held-out split, by reusing `make eval-nlu`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def measure_nlu(root: Path, work: Path) -> tuple[str, float]:
    """Return eval-nlu's markdown table and how long it took (s)."""
    report = work / "nlu_report.md"
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "evaluation.nlu_report", "--out", str(work / "eval-nlu"),
         "--report", str(report)],
        cwd=root, capture_output=True, check=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    if not report.exists():
        return "(eval-nlu failed; see its output by running `make eval-nlu`)", seconds
    return report.read_text(encoding="utf-8").strip(), seconds
