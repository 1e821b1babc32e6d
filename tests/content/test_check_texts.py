"""Terminology, readability and bubbles: each problem names the file and line."""

import pytest
import yaml

from tests.content.small_content import (
    REAL,
    at,
    check,
    edit,
    line_number,
    write_content,
)

EN = "data/responses/en/smalltalk.yml"
NB = "data/responses/nb/smalltalk.yml"
TERMS = yaml.safe_load((REAL / "data" / "terminology.yml").read_text())
FORBIDDEN = TERMS["en"][0]  # read, never written here: tests must not spell it


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_forbidden_term_in_an_answer_names_the_line_of_the_term(root):
    edit(
        root,
        EN,
        "        Hey!\n",
        f"        Hey!\n\n        No {FORBIDDEN['term']} here.\n",
    )
    [problem] = check(root)
    line = line_number(root, EN, "No ")
    assert str(problem).startswith(f"{root / EN}:{line}: utter_greet (young_teen): ")
    assert f'write "{FORBIDDEN["use"]}" instead' in problem.message


def test_forbidden_term_in_a_training_example(root):
    nlu = "data/nlu/sv/smalltalk.yml"
    edit(
        root,
        nlu,
        "    - hello there\n",
        f"    - hello there\n    - is {FORBIDDEN['term']} ok\n",
    )
    [problem] = check(root)
    assert str(problem).startswith(
        f"{root / nlu}:{line_number(root, nlu, ' ok')}: greet: "
    )


def test_hard_text_names_the_band_line(root):
    hard = (
        "Menneskehandelsproblematikken innebærer systematiske utnyttelsesmekanismer, "
        "hvor gjerningspersonene kontrollerer de fornærmede gjennom "
        "gjeldsforpliktelser og trusler mot familiemedlemmer i hjemlandet."
    )
    edit(root, NB, "        Hi!\n", f"        {hard}\n")
    [problem] = check(root)
    assert str(problem).startswith(f"{root / NB}:{line_number(root, NB, 'child:')}: ")
    assert problem.entry == "utter_greet (child)" and "LIX" in problem.message


def test_too_many_bubbles_names_the_first_extra_bubble(root):
    edit(
        root,
        EN,
        "        Hi!\n",
        "        One.\n\n        Two.\n\n        Three.\n\n        Four.\n",
    )
    [problem] = check(root)
    assert problem.line == line_number(root, EN, "Four.")
    assert "4 bubbles; child answers have at most 3" in problem.message


def test_long_bubble_is_a_warning_at_its_line(root):
    long = " ".join(["Call us."] * 50)
    edit(root, EN, "        Hello.\n", f"        Hello.\n\n        {long}\n")
    [problem] = check(root)
    assert problem.level == "warning" and problem.entry == "utter_greet (adult)"
    assert problem.line == line_number(root, EN, "Call us.")


def test_one_text_for_all_bands_points_at_its_line(root):
    edit(root, EN, "text: Check the offer.", "text: " + " ".join(["Ok."] * 140))
    [problem] = at(check(root), root, EN, line_number(root, EN, "Ok. Ok."))
    assert problem.entry == "utter_job_offer (adult)" and problem.level == "warning"


def test_broken_terminology_entry_is_reported_and_the_rest_still_checked(root):
    terms = root / "data/terminology.yml"
    terms.write_text(terms.read_text().replace("use:", "instead:", 1))
    edit(root, EN, "        Hey!\n", f"        Hey! {TERMS['nl'][0]['term']}\n")
    problems = check(root)
    [entry] = at(
        problems,
        root,
        "data/terminology.yml",
        line_number(root, "data/terminology.yml", "instead:"),
    )
    assert "needs term: and use:" in entry.message
    assert any(p.path == str(root / EN) and "write" in p.message for p in problems)
