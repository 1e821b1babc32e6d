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
from typing import IO

from content.build_domain import build_domain
from launcher.training_report import (
    RasaWork,
    changed_files,
    describe_changes,
    describe_work,
    file_hashes,
    manifest_path,
    newest_manifest,
    read_rasa_log,
    write_manifest,
)

TRAINING_DIRS = ("data/nlu", "data/rules", "data/stories")
# Custom pipeline components: a code change must retrain too.
COMPONENT_DIR = "nlu_components"
TRAINING_FILES = ("config.yml", "domain.yml", "requirements/lock.txt")


class TrainingError(RuntimeError):
    """`rasa train` failed; the message has the end of its log."""


@dataclass(frozen=True)
class ModelStatus:
    """Which model to serve, whether it was just trained, and what changed."""

    path: Path
    trained: bool
    seconds: float
    changed: tuple[str, ...] = ()
    first: bool = False
    work: RasaWork | None = None


def training_files(root: Path) -> list[Path]:
    """Every file the model learns from or is built by."""
    files = [root / f for f in TRAINING_FILES]
    for folder in TRAINING_DIRS:
        files += sorted((root / folder).rglob("*.yml"))
    files += sorted((root / COMPONENT_DIR).rglob("*.py"))
    return files


def fingerprint(root: Path) -> str:
    """Return a content hash of everything training depends on."""
    digest = hashlib.sha256()
    for path in training_files(root):
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


def _rasa_env() -> dict[str, str]:
    """Share Rasa's component cache between clones: a change retrains its part."""
    env = dict(os.environ)
    env.setdefault("RASA_CACHE_DIRECTORY", str(cache_dir().parent / "rasa-cache"))
    return env


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
    hashes = file_hashes(root, training_files(root))
    before = newest_manifest([target.parent, cached.parent])
    log_path = root / "var" / "log" / "train.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        with log_path.open("wb") as log:
            rasa_train(
                root,
                target.parent,
                name.removesuffix(".tar.gz"),
                env=_rasa_env(),
                log=log,
            )
    except subprocess.CalledProcessError as error:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-30:])
        raise TrainingError(f"training failed; end of {log_path}:\n{tail}") from error
    seconds = time.monotonic() - started
    write_manifest(target, hashes)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, cached)
        shutil.copyfile(manifest_path(target), manifest_path(cached))
    except OSError:
        pass  # the cache only saves time; a read-only home is fine
    return ModelStatus(
        target,
        trained=True,
        seconds=seconds,
        changed=tuple(changed_files(before, hashes)),
        first=before is None,
        work=read_rasa_log(log_path.read_text(errors="replace")),
    )


def rasa_train(
    root: Path,
    out_dir: Path,
    name: str,
    env: dict[str, str] | None = None,
    log: IO[bytes] | None = None,
) -> None:
    """Run `rasa train` on this project's data into out_dir/name.tar.gz."""
    domain_dir = build_domain(
        root / "domain.yml", root / "data" / "responses", root / ".build" / "domain"
    )
    command = [
        sys.executable, "-m", "rasa", "train",
        "--domain", str(domain_dir),
        "--config", str(root / "config.yml"),
        "--data", *[str(root / d) for d in TRAINING_DIRS],
        "--out", str(out_dir),
        "--fixed-model-name", name,
    ]  # fmt: skip
    subprocess.run(command, cwd=root, check=True, env=env, stdout=log, stderr=log)


def main() -> None:
    """Train if needed and report what happened (`make train`).

    `--force` retrains regardless; `--print-path` prints only the model path.
    """
    root = Path.cwd()
    try:
        status = ensure_model(root, force="--force" in sys.argv)
    except TrainingError as error:
        print(f"train: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    if "--print-path" in sys.argv:
        print(status.path.relative_to(root))
    elif status.trained:
        print(describe_changes(list(status.changed), status.first))
        if status.work:
            print(describe_work(status.work))
        print(f"train: trained {status.path.name} in {status.seconds:.0f} s"
              " (Rasa's log: var/log/train.log)")  # fmt: skip
    else:
        print(f"train: {status.path.name} is up to date, nothing retrained")


if __name__ == "__main__":
    main()
