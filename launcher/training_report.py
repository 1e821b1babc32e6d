"""What changed since the last trained model, and what Rasa retrained because of it.

A manifest (file → hash) is kept beside each model; the next training compares the
files with the newest manifest. Rasa's own log says which components it trained and
which it restored from its cache (one per machine, beside the model cache), so
unchanged parts are not redone.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# How the training inputs are named to an editor.
KINDS = (
    ("data/nlu/", "training examples"),
    ("data/stories/", "stories"),
    ("data/rules/", "rules"),
)
_TRAINED = re.compile(r"Starting to train component '([^']+)'")
_RESTORED = re.compile(r"Restored component '([^']+)' from cache")


def file_hashes(root: Path, files: list[Path]) -> dict[str, str]:
    """Map each training input (relative path) to a short content hash."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()[:16]
        for path in files
        if path.is_file()
    }


def manifest_path(model: Path) -> Path:
    """The manifest written beside a model archive."""
    return model.with_name(model.name.removesuffix(".tar.gz") + ".files.json")


def write_manifest(model: Path, hashes: dict[str, str]) -> None:
    """Remember which inputs this model was trained on."""
    manifest_path(model).write_text(json.dumps(hashes, indent=0, sort_keys=True))


def newest_manifest(folders: list[Path]) -> dict[str, str] | None:
    """The inputs of the most recently trained model, if any manifest exists."""
    found = [p for f in folders if f.is_dir() for p in f.glob("model-*.files.json")]
    if not found:
        return None
    try:
        return json.loads(max(found, key=lambda p: p.stat().st_mtime).read_text())
    except (OSError, ValueError):
        return None


def kind_of(path: str) -> str:
    """An editor's name for a training input."""
    return next(
        (name for prefix, name in KINDS if path.startswith(prefix)), "settings or code"
    )


def changed_files(before: dict[str, str] | None, now: dict[str, str]) -> list[str]:
    """Files added, removed or edited since `before` ('(first training)' without it)."""
    if before is None:
        return []
    return sorted(p for p in set(before) | set(now) if before.get(p) != now.get(p))


@dataclass
class RasaWork:
    """Components Rasa trained, and those it took unchanged from its cache."""

    trained: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


def read_rasa_log(text: str) -> RasaWork:
    """Parse `rasa train` output."""
    return RasaWork(
        trained=list(dict.fromkeys(_TRAINED.findall(text))),
        reused=list(dict.fromkeys(_RESTORED.findall(text))),
    )


def describe_changes(changed: list[str], first: bool) -> str:
    """One line for `make train`: which kinds of input changed, with the files."""
    if first:
        return "train: no earlier model on this machine, training everything"
    if not changed:
        return "train: inputs identical to the last model (forced retrain)"
    groups: dict[str, list[str]] = {}
    for path in changed:
        groups.setdefault(kind_of(path), []).append(path)
    parts = [f"{kind} ({', '.join(paths[:4])}{' …' if len(paths) > 4 else ''})"
             for kind, paths in groups.items()]  # fmt: skip
    return "train: changed since the last model: " + "; ".join(parts)


def describe_work(work: RasaWork) -> str:
    """One line for `make train`: what Rasa retrained and what it reused."""
    trained = ", ".join(work.trained) or "nothing"
    line = f"train: retrained {len(work.trained)} part(s): {trained}"
    if work.reused:
        line += f"; reused {len(work.reused)} unchanged part(s) from the cache"
    return line
