from datetime import date
from pathlib import Path

import pytest

from helplines.directory import HelplineDirectory
from helplines.formatting import contact, helpline_list

ROOT = Path(__file__).resolve().parents[2]
REAL = HelplineDirectory.load(ROOT / "data" / "helplines.yml")
COUNTRIES = ["NO", "SE", "NL", "GB", "DE", "AT", "IT", "RO", "RS", "BA", "AL", "XK",
             "ME", "BG", "LV"]  # fmt: skip


@pytest.mark.parametrize("code", COUNTRIES + ["INT"])
def test_every_country_has_a_verified_emergency_number_and_helpline(code):
    assert code in REAL.countries
    assert REAL.emergency(code).verified
    assert REAL.child_helpline(code).verified


def test_every_entry_has_source_and_check_date():
    for country in REAL.countries.values():
        for service in country.services:
            assert service.source, (country.code, service.names)
            assert isinstance(service.last_checked, date), (country.code, service.names)


def test_known_numbers():
    assert REAL.emergency("NO").phone == "112"
    assert REAL.emergency("NO", use="medical").phone == "113"
    assert REAL.child_helpline("NO").phone == "116 111"
    assert REAL.child_helpline("SE").phone == "116 111"
    assert REAL.child_helpline("NL").phone == "0800-0432"
    assert REAL.child_helpline("GB").phone == "0800 1111"
    # 112 does not work in Bosnia and Herzegovina.
    assert REAL.emergency("BA").phone != "112"


def test_kosovo_has_no_confirmed_child_line_so_international_is_used():
    assert REAL.child_helpline("XK").names["en"] == "Child Helpline International"


def test_unknown_and_missing_codes_fall_back_to_international():
    assert REAL.country("zz").code == "INT"
    assert REAL.country(None).code == "INT"


def test_formatting_in_the_users_language():
    norway = REAL.country("NO")
    text = helpline_list(norway, REAL.country("INT"), "nb")
    assert "Politi: 112" in text
    line = "Alarmtelefonen for barn og unge: 116 111 · https://www.116111.no"
    assert f"{line} (24/7, gratis)" in text
    assert contact(REAL.child_helpline("NO"), "nb").endswith("116 111")


def test_directory_without_international_entry_is_rejected():
    with pytest.raises(ValueError):
        HelplineDirectory({})
