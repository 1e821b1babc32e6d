from pathlib import Path

from content.checks.problems import ERROR, WARNING
from content.checks.safety import check_safety

GOOD = """\
danger: [help me now]
self_harm: [kill myself]
exploitation: [sold me]
sextortion: [post my nudes]
bot_abuse: [pretend you are]
not_crisis: [killing me lol]
signs:
  secrecy: [our secret]
"""


def test_real_phrase_files_pass():
    root = Path(__file__).resolve().parents[2]
    assert check_safety(root / "data" / "safety", ["en", "nb", "sv", "nl"]) == []


def test_broken_phrase_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "en.yml").write_text(GOOD.replace("[sold me]", "[sold me, '... me']"))
    [problem] = check_safety(tmp_path, ["en"])
    assert problem.level == ERROR
    assert problem.line == 3 and problem.entry == "exploitation"
    assert str(problem).startswith(f"{tmp_path / 'en.yml'}:3: exploitation: ")
    assert "cannot start with '...'" in problem.message


def test_missing_language_and_duplicates(tmp_path):
    (tmp_path / "en.yml").write_text(
        GOOD.replace("[help me now]", "[help me now, Help  me now]")
    )
    problems = check_safety(tmp_path, ["en", "sv"])
    assert [p.level for p in problems] == [WARNING, ERROR]
    assert "same phrase as line 1" in problems[0].message
    assert problems[1].path.endswith("sv.yml") and "missing" in problems[1].message
