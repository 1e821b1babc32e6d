"""Helpline entries: missing source or past review date, at the entry's line."""

import pytest

from tests.content.small_content import at, check, edit, line_number, write_content

HELPLINES = "data/helplines.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_missing_source_names_the_entry_line(root):
    edit(root, HELPLINES, '        source: "https://example.org"\n', "")
    [problem] = check(root)
    assert str(problem).startswith(
        f"{root / HELPLINES}:{line_number(root, HELPLINES, 'kind: emergency')}: "
        "INT · Emergency: needs a source"
    )


def test_past_review_date_names_the_last_checked_line(root):
    edit(root, HELPLINES, "last_checked: 2026-01-01", "last_checked: 2025-01-01")
    [problem] = check(root)
    assert problem.level == "error" and "review was due" in problem.message
    assert problem.line == line_number(root, HELPLINES, "last_checked")


def test_bad_phone_names_the_phone_line(root):
    edit(root, HELPLINES, 'phone: "112"', 'phone: "call us"')
    problems = check(root)
    [problem] = at(problems, root, HELPLINES, line_number(root, HELPLINES, "phone"))
    assert "not a phone number" in problem.message


def test_broken_helplines_file_is_a_syntax_error_with_line(root):
    edit(root, HELPLINES, "    name: International", "    name: International: list")
    [problem] = check(root)
    assert problem.line == line_number(root, HELPLINES, "International")
    assert "not valid YAML" in problem.message
