from datetime import date
from pathlib import Path

import pytest
import yaml

from content.check import run_checks
from content.checks.answers import bubbles, coverage, readability, terminology
from content.checks.helplines import check_helplines
from content.checks.readability import flesch, lix

ROOT = Path(__file__).resolve().parents[2]
RULES = yaml.safe_load((ROOT / "data" / "content_rules.yml").read_text())
TERMS = yaml.safe_load((ROOT / "data" / "terminology.yml").read_text())
BANDS = ("child", "young_teen", "older_teen", "adult")


def test_real_content_has_no_errors():
    errors = [str(p) for p in run_checks(ROOT) if p.level == "error"]
    assert errors == []


def test_missing_band_and_missing_language_are_reported():
    answers = [(Path("en/a.yml"), "utter_x", "en", b, "Hi") for b in BANDS]
    answers += [(Path("nb/a.yml"), "utter_x", "nb", "child", "Hei")]
    answers += [(Path("sv/a.yml"), "utter_x", "sv", None, "Hej")]
    found = [str(p) for p in coverage(answers, {"utter_x"})]
    assert any("nb has no text for age band(s) young_teen, older_teen, adult" in f
               for f in found)  # fmt: skip
    assert any("missing in nl" in f for f in found)
    assert not any("sv" in f for f in found)  # one text for all bands is fine


def test_forbidden_terms_name_file_entry_and_replacement():
    [problem] = terminology([("data/responses/nl/x.yml", "utter_y (child)",
                              "Dit is KINDERPORNO.")], TERMS)  # fmt: skip
    assert (
        problem.path == "data/responses/nl/x.yml" and problem.entry == "utter_y (child)"
    )
    assert "beeldmateriaal van seksueel misbruik van kinderen" in problem.message


def test_readability_scores_rank_easy_below_hard():
    easy = "Du er trygg. Det er ikke din feil. Ring oss. Vi hjelper deg."
    hard = (
        "Menneskehandelsproblematikken innebærer systematiske utnyttelsesmekanismer "
        "hvor gjerningspersoner kontrollerer fornærmede gjennom gjeldsforpliktelser."
    )
    assert lix(easy) < 30 < lix(hard)
    assert flesch("You are safe. It is not your fault.", "en") > 80
    hard_en = "Institutionalised exploitation necessitates comprehensive intervention."
    assert flesch(hard_en, "en") < 30


def test_hard_child_text_is_an_error_with_file_and_band():
    text = (
        "Menneskehandelsproblematikken innebærer systematiske utnyttelsesmekanismer, "
        "hvor gjerningspersonene kontrollerer de fornærmede gjennom "
        "gjeldsforpliktelser og trusler mot familiemedlemmer i hjemlandet."
    )
    [problem] = readability([(Path("nb/t.yml"), "utter_t", "nb", "child", text)], RULES)
    assert problem.entry == "utter_t (child)" and "LIX" in problem.message


def test_too_many_bubbles_for_a_child():
    text = "One.\n\nTwo.\n\nThree.\n\nFour."
    [problem] = bubbles([(Path("en/t.yml"), "utter_t", "en", "child", text)], RULES)
    assert "4 bubbles" in problem.message


@pytest.fixture
def helplines_file(tmp_path):
    def write(services, review=180):
        data = {
            "review_after_days": review,
            "countries": {"INT": {"name": "International", "services": services}},
        }
        path = tmp_path / "helplines.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        return path

    return write


GOOD = {
    "kind": "emergency",
    "use": "general",
    "name": "Emergency",
    "phone": "112",
    "source": "https://example.org",
    "last_checked": date(2026, 1, 1),
    "verified": True,
}


def test_helpline_freshness_and_schema(helplines_file):
    path = helplines_file([GOOD])
    assert check_helplines(path, date(2026, 3, 1), 30) == []
    [late] = check_helplines(path, date(2026, 8, 1), 30)
    assert late.level == "error" and "review was due 2026-06-30" in late.message
    [soon] = check_helplines(path, date(2026, 6, 10), 30)
    assert soon.level == "warning"
    broken = dict(GOOD, phone="call us", source="", url="http://x")
    messages = [
        p.message
        for p in check_helplines(helplines_file([broken]), date(2026, 2, 1), 30)
    ]
    assert any("not a phone number" in m for m in messages)
    assert any("needs a source" in m for m in messages)
    assert any("https://" in m for m in messages)
