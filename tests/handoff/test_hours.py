from datetime import datetime, timezone

import pytest

from handoff.hours import OpeningHours

OSLO = OpeningHours.parse("mon-fri 09:00-21:00; sat 12:00-18:00", "Europe/Oslo")


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_open_inside_a_window_in_local_time():
    # 2026-11-26 is a Thursday; 08:30 UTC is 09:30 in Oslo.
    assert OSLO.is_open(utc(2026, 11, 26, 8, 30))
    assert not OSLO.is_open(utc(2026, 11, 26, 7, 30))
    assert not OSLO.is_open(utc(2026, 11, 29, 12, 0))  # Sunday


def test_next_opening_skips_closed_days():
    nxt = OSLO.next_opening(utc(2026, 11, 28, 18, 0))  # Saturday 19:00 Oslo
    assert (nxt.weekday(), nxt.hour) == (0, 9)


def test_empty_means_always_open():
    always = OpeningHours.parse("", "UTC")
    assert always.always_open and always.is_open(utc(2026, 1, 1, 3, 0))
    assert always.next_opening(utc(2026, 1, 1)) is None


@pytest.mark.parametrize("bad", ["monday 9-17", "mon-xyz 09:00-10:00", "mon 9:00"])
def test_unreadable_hours_name_the_part(bad):
    with pytest.raises(ValueError, match="cannot read"):
        OpeningHours.parse(bad)
