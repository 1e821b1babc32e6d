"""Missing language or age band: named with the file and the answer's line."""

import pytest

from tests.content.small_content import at, check, edit, line_number, write_content

NB = "data/responses/nb/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_missing_age_band_names_the_answer_line(root):
    edit(root, NB, "      adult: |\n        Hello.\n", "")
    [problem] = check(root)
    assert str(problem).startswith(
        f"{root / NB}:{line_number(root, NB, 'utter_greet:')}: "
    )
    assert problem.entry == "utter_greet"
    assert "nb has no text for age band(s) adult" in problem.message


def test_missing_language_names_the_file_to_write_and_a_language_that_has_it(root):
    edit(
        root,
        "data/responses/nl/smalltalk.yml",
        "  utter_job_offer:\n    text: Check the offer.\n",
        "",
    )
    [problem] = check(root)
    assert problem.path == str(root / "data/responses/nl/smalltalk.yml")
    assert problem.entry == "utter_job_offer" and "missing in nl" in problem.message
    en = "data/responses/en/smalltalk.yml"
    line = line_number(root, en, "utter_job_offer:")
    assert f"see {root / en}:{line}" in problem.message


def test_unknown_band_and_empty_text_are_shape_errors(root):
    edit(root, NB, "      adult: |", "      grownup: |")
    edit(root, "data/responses/sv/smalltalk.yml", "text: Check the offer.", 'text: ""')
    problems = check(root)
    [band] = at(problems, root, NB, line_number(root, NB, "grownup"))
    assert "unknown age band 'grownup'" in band.message
    sv = "data/responses/sv/smalltalk.yml"
    [empty] = at(problems, root, sv, line_number(root, sv, 'text: ""'))
    assert empty.entry == "utter_job_offer" and "must be one text" in empty.message


def test_answer_in_two_files_of_one_language(root):
    path = root / "data/responses/en/trafficking.yml"
    path.write_text("responses:\n  utter_job_offer:\n    text: Again.\n")
    [problem] = at(check(root), root, "data/responses/en/trafficking.yml", 2)
    first = line_number(root, "data/responses/en/smalltalk.yml", "utter_job_offer:")
    assert (
        f"already written for en in {root / 'data/responses/en/smalltalk.yml'}:{first}"
        in problem.message
    )


def test_unknown_part_of_an_answer(root):
    edit(root, NB, "    buttons:", "    button:")
    problems = check(root)
    assert any(
        "unknown part 'button:'" in p.message
        for p in at(problems, root, NB, line_number(root, NB, "button:"))
    )
