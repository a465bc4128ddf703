"""Working days (issue 10 item 3; RULES.md §3 "Counting", READINGS B.1, B.2, B.17).

The `holidays` package gives Vietnam's public holidays; these tests pin what it gives for
2025–2027 (checked against the Government's announcements that it cites) and the corrections
Congvu adds: the make-up Saturdays and the operator's table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.regulation.profile import DeadlineStart, RequestKind, load_profile
from congvu.regulation.workdays import (
    GOVERNMENT_MAKEUP_DAYS,
    VIETNAM,
    CalendarTable,
    WorkCalendar,
    due_date,
    request_deadline,
    working_days_between,
)

CAL = WorkCalendar()


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VIETNAM)


def test_issue_vector_password_reset_qn20_6() -> None:
    # Received Friday 24 April 2026; Giỗ Tổ (10/3 lunar) fell on Sunday 26 April, so Monday 27 is off.
    qn = load_profile("quangnam-2020")
    deadline = request_deadline(qn, RequestKind.PASSWORD_RESET, received_at=at(2026, 4, 24), calendar=CAL)
    assert deadline.due == date(2026, 4, 29)
    assert deadline.working_days == 2
    assert deadline.rule is not None
    assert (deadline.rule.id, deadline.rule.reading) == ("QN20-6.2", "B.2")
    assert not CAL.is_working_day(date(2026, 4, 27))


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 1),
        date(2025, 1, 27),
        date(2025, 1, 28),
        date(2025, 1, 31),  # Tết Ất Tỵ
        date(2025, 4, 7),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2025, 9, 2),
        date(2026, 1, 1),
        date(2026, 2, 16),
        date(2026, 2, 20),  # Tết Bính Ngọ 16–20/2
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
        date(2027, 2, 8),
        date(2027, 2, 10),
        date(2027, 4, 16),
        date(2027, 5, 3),
        date(2027, 9, 2),
        date(2027, 9, 3),
    ],
)
def test_public_holidays_and_compensatory_days_are_off(day: date) -> None:
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize("day", [date(2025, 4, 26), date(2026, 8, 22), date(2024, 5, 4)])
def test_make_up_saturdays_are_working_days(day: date) -> None:
    assert day.weekday() == 5
    assert CAL.is_working_day(day)


def test_make_up_saturdays_match_the_packages_swaps() -> None:
    # The package names each swapped day off "Ngày nghỉ (thay cho ngày DD/MM/YYYY)": the Saturday worked.
    found = set()
    for year in (2024, 2025, 2026, 2027):
        for name in holidays.country_holidays("VN", years=year, language="vi").values():
            if "thay cho ngày" in name:
                dd, mm, yyyy = name.rsplit(" ", 1)[1].rstrip(")").split("/")
                found.add(date(int(yyyy), int(mm), int(dd)))
    assert found == set(GOVERNMENT_MAKEUP_DAYS)


def test_plain_weekdays_and_weekends() -> None:
    assert CAL.is_working_day(date(2026, 11, 25))
    assert not CAL.is_working_day(date(2026, 11, 28))
    assert not CAL.is_working_day(date(2026, 11, 29))


def test_operator_table_adds_days_off_and_working_days() -> None:
    table = CalendarTable.of(days_off=[date(2026, 12, 31)], working_days=[date(2027, 1, 9)])
    cal = WorkCalendar(table)
    assert not cal.is_working_day(date(2026, 12, 31))
    assert cal.is_working_day(date(2027, 1, 9))
    # and may correct the package: a holiday made a working day, a make-up Saturday cancelled
    fixed = WorkCalendar(CalendarTable.of(days_off=[date(2026, 8, 22)], working_days=[date(2026, 8, 31)]))
    assert fixed.is_working_day(date(2026, 8, 31))
    assert not fixed.is_working_day(date(2026, 8, 22))
    with pytest.raises(ValueError, match="both"):
        CalendarTable.of(days_off=[date(2027, 1, 4)], working_days=[date(2027, 1, 4)])


def test_receipt_after_office_hours_or_on_a_day_off_counts_from_next_working_day() -> None:
    assert due_date(at(2026, 11, 25, 16, 59), 1, CAL) == date(2026, 11, 26)
    assert due_date(at(2026, 11, 25, 17, 0), 1, CAL) == date(2026, 11, 27)
    assert due_date(at(2026, 11, 28, 10, 0), 1, CAL) == date(2026, 12, 1)  # Saturday → Monday → Tuesday
    assert due_date(date(2026, 11, 25), 0, CAL) == date(2026, 11, 25)
    early = WorkCalendar(office_closes=time(16, 30))
    assert due_date(at(2026, 11, 25, 16, 45), 1, early) == date(2026, 11, 27)


def test_aware_times_are_converted_to_vietnam_time() -> None:
    assert due_date(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), 1, CAL) == date(2026, 11, 26)  # 16:30 ICT
    assert due_date(datetime(2026, 11, 25, 10, 30, tzinfo=UTC), 1, CAL) == date(2026, 11, 27)  # 17:30 ICT
    assert due_date(datetime(2026, 11, 25, 16, 30), 1, CAL) == date(2026, 11, 26)  # naive: Vietnam time


def test_deadlines_of_each_regulation() -> None:
    received = at(2026, 11, 25)
    qn = load_profile("quangnam-2020")
    create = request_deadline(qn, RequestKind.CREATE, received_at=received, calendar=CAL)
    assert create.due == date(2026, 12, 2)  # QN20-5.2: 5 working days
    revoke = request_deadline(
        qn, RequestKind.REVOKE, received_at=received, calendar=CAL, information_complete_at=at(2026, 11, 27)
    )
    assert revoke.start is DeadlineStart.COMPLETE_INFORMATION
    assert revoke.due == date(2026, 12, 4)  # QN20-7.1: from complete information
    sl = load_profile("sonla-2025")
    restore = request_deadline(sl, RequestKind.RESTORE, received_at=received, calendar=CAL)
    assert restore.due == date(2026, 11, 30)  # SL25-8.3.b: 3 working days
    for profile, kind in ((sl, RequestKind.CREATE), (load_profile("tiengiang-2009"), RequestKind.CREATE)):
        none_set = request_deadline(profile, kind, received_at=received, calendar=CAL)
        assert none_set.due is None
        assert none_set.provided
        assert not none_set.set_by_text
        assert none_set.rule is not None
    missing = request_deadline(qn, RequestKind.MODIFY, received_at=received, calendar=CAL)
    assert not missing.provided


def test_st14_counts_three_days_after_handling_reading_a() -> None:
    st14 = load_profile("soctrang-2014")
    pending = request_deadline(st14, RequestKind.CREATE, received_at=at(2026, 11, 2), calendar=CAL)
    assert pending.due is None  # nothing is due for the handling itself (B.1)
    assert pending.working_days == 3
    assert pending.set_by_text
    handled = request_deadline(
        st14, RequestKind.CREATE, received_at=at(2026, 11, 2), handled_at=at(2026, 11, 20), calendar=CAL
    )
    assert handled.due == date(2026, 11, 26)  # 24 (Tue): 24/11 is Ngày Văn hóa Việt Nam, off


def test_working_days_between() -> None:
    assert working_days_between(at(2026, 4, 24), date(2026, 4, 29), CAL) == 2
    assert working_days_between(at(2026, 4, 24), at(2026, 4, 24, 15), CAL) == 0


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    received=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 11, 30)),
    n=st.integers(min_value=1, max_value=30),
    off=st.lists(days, max_size=5),
    work=st.lists(days, max_size=3),
)
def test_due_dates_never_land_on_a_day_off(
    received: datetime, n: int, off: list[date], work: list[date]
) -> None:
    cal = WorkCalendar(CalendarTable.of(days_off=set(off) - set(work), working_days=work))
    due = due_date(received, n, cal)
    assert cal.is_working_day(due)
    assert due.weekday() < 5 or due in cal.table.working_days or due in GOVERNMENT_MAKEUP_DAYS
    assert due not in cal.public_holidays(due.year) or due in cal.table.working_days
    assert due > received.date()
    assert working_days_between(received, due, cal) == n
    assert due - received.date() <= timedelta(days=n * 3 + 20)
