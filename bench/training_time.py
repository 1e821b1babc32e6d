"""Training time (from scratch and a no-change rerun) and model size."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from launcher.training import fingerprint, rasa_train


@dataclass(frozen=True)
class TrainingFigures:
    """Seconds and megabytes of our model's training."""

    scratch_s: float
    rasa_rerun_s: float
    make_train_rerun_s: float
    model_mb: float
    model: Path


def measure_training(root: Path, work: Path) -> TrainingFigures:
    """Train from an empty Rasa cache, then again with nothing changed.

    The second `rasa train` shows Rasa's own component cache; `make train` with
    nothing changed is what an editor actually waits for (a fingerprint check).
    """
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(work / "rasa-cache")}
    out = work / "models"
    with (work / "train.log").open("wb") as log:
        started = time.monotonic()
        rasa_train(root, out, "bench-scratch", env=env, log=log)
        scratch = time.monotonic() - started
        started = time.monotonic()
        rasa_train(root, out, "bench-rerun", env=env, log=log)
        rerun = time.monotonic() - started
    model = out / "bench-scratch.tar.gz"
    served = root / "models" / f"model-{fingerprint(root)}.tar.gz"
    if not served.exists():  # same data, so `make train` finds nothing to do
        served.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model, served)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "launcher.training"], cwd=root, check=True,
        capture_output=True,
    )  # fmt: skip
    make_train = time.monotonic() - started
    return TrainingFigures(
        scratch, rerun, make_train, model.stat().st_size / 1e6, model
    )
