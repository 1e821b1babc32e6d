import shutil
from pathlib import Path

import pytest

from launcher import training

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "requirements").mkdir()
    shutil.copy(ROOT / "requirements" / "lock.txt", tmp_path / "requirements")
    for folder in ("data/nlu/en", "data/rules", "data/stories", "data/responses/en"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "data/nlu/en/greet.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n'
    )
    (tmp_path / "data/responses/en/smalltalk.yml").write_text(
        "responses:\n  utter_greet:\n    text: Hi!\n"
    )
    return tmp_path


def test_text_only_edits_do_not_change_the_fingerprint(project):
    before = training.fingerprint(project)
    (project / "data/responses/en/smalltalk.yml").write_text(
        "responses:\n  utter_greet:\n    text: Hello there!\n"
    )
    (project / "data/helplines.yml").write_text("countries: {}\n")
    assert training.fingerprint(project) == before


def test_training_examples_change_the_fingerprint(project):
    before = training.fingerprint(project)
    path = project / "data/nlu/en/greet.yml"
    path.write_text(path.read_text() + "    - hello\n")
    assert training.fingerprint(project) != before


def test_existing_model_is_reused_without_training(project, monkeypatch):
    monkeypatch.setenv("OUTREACH_CACHE", str(project / "cache"))
    name = f"model-{training.fingerprint(project)}.tar.gz"
    (project / "models").mkdir()
    (project / "models" / name).write_bytes(b"model")
    monkeypatch.setattr(training.subprocess, "run", pytest.fail)
    status = training.ensure_model(project)
    assert status.trained is False and status.path.name == name


def test_model_from_machine_cache_is_copied_not_retrained(project, monkeypatch):
    cache = project / "cache"
    monkeypatch.setenv("OUTREACH_CACHE", str(cache))
    name = f"model-{training.fingerprint(project)}.tar.gz"
    (cache / "models").mkdir(parents=True)
    (cache / "models" / name).write_bytes(b"cached model")
    monkeypatch.setattr(training.subprocess, "run", pytest.fail)
    status = training.ensure_model(project)
    assert status.path.read_bytes() == b"cached model"
