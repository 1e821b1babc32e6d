"""Train the model only when what it learns from has changed.

The fingerprint covers NLU examples, rules, stories, config, the structural domain
and the pinned dependencies, but not answer texts or helplines: those are read at
run time, so text-only edits never retrain.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from content.build_domain import build_domain

TRAINING_DIRS = ("data/nlu", "data/rules", "data/stories")
# Custom pipeline components: a code change must retrain too.
COMPONENT_DIR = "nlu_components"
TRAINING_FILES = ("config.yml", "domain.yml", "requirements/lock.txt")


@dataclass(frozen=True)
class ModelStatus:
    """Which model to serve and whether it was just trained."""

    path: Path
    trained: bool
    seconds: float


def fingerprint(root: Path) -> str:
    """Return a content hash of everything training depends on."""
    digest = hashlib.sha256()
    files = [root / f for f in TRAINING_FILES]
    for folder in TRAINING_DIRS:
        files += sorted((root / folder).rglob("*.yml"))
    files += sorted((root / COMPONENT_DIR).rglob("*.py"))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Return the per-machine model cache shared by every clone."""
    base = os.environ.get("OUTREACH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
        "outreach-assistant",
    )
    return Path(base) / "models"


def ensure_model(root: Path, force: bool = False) -> ModelStatus:
    """Return the model for the current data, training it first if needed."""
    name = f"model-{fingerprint(root)}.tar.gz"
    target = root / "models" / name
    cached = cache_dir() / name
    if target.exists() and not force:
        return ModelStatus(target, trained=False, seconds=0.0)
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists() and not force:
        shutil.copyfile(cached, target)
        return ModelStatus(target, trained=False, seconds=0.0)
    started = time.monotonic()
    domain_dir = build_domain(
        root / "domain.yml", root / "data" / "responses", root / ".build" / "domain"
    )
    command = [
        sys.executable, "-m", "rasa", "train",
        "--domain", str(domain_dir),
        "--config", str(root / "config.yml"),
        "--data", *[str(root / d) for d in TRAINING_DIRS],
        "--out", str(target.parent),
        "--fixed-model-name", name.removesuffix(".tar.gz"),
    ]  # fmt: skip
    subprocess.run(command, cwd=root, check=True)
    seconds = time.monotonic() - started
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, cached)
    except OSError:
        pass  # the cache only saves time; a read-only home is fine
    return ModelStatus(target, trained=True, seconds=seconds)


def main() -> None:
    """Train if needed and report what happened (`make train`).

    `--force` retrains regardless; `--print-path` prints only the model path.
    """
    root = Path.cwd()
    status = ensure_model(root, force="--force" in sys.argv)
    if "--print-path" in sys.argv:
        print(status.path.relative_to(root))
    elif status.trained:
        print(f"train: trained {status.path.name} in {status.seconds:.0f} s")
    else:
        print(f"train: {status.path.name} is up to date, nothing retrained")


if __name__ == "__main__":
    main()
