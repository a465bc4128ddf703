"""Working days: the calendar that request deadlines are counted in.

RULES.md §3 "Counting" and READINGS B.17. The five texts count request deadlines in "ngày làm
việc" without defining them; under general law (QĐ 188/1999/QĐ-TTg: five-day week; Bộ luật Lao
động 2019 Điều 112: public holidays; Điều 111: a holiday on a weekly rest day gives a day off on the
next working day) a working day is Monday to Friday, except:

* the public holidays and their compensatory days off, taken from the `holidays` package (lunar
  Tết, Giỗ Tổ Hùng Vương on 10/3 lunar, 30/4, 1/5, 2/9 with its adjacent day, 1/1, and since 2026
  Ngày Văn hóa Việt Nam 24/11), which also carries the Government's yearly swaps of a weekday
  off for a Saturday worked;
* plus the make-up working Saturdays those swaps create (`GOVERNMENT_MAKEUP_DAYS`, which the
  package lists only as the "substituted from" date of the day off);
* plus an operator-edited `CalendarTable` of extra days off and extra working days (a Saturday the
  Government swaps in, a correction where the package is wrong or late). The store persists the
  table; here it is plain data passed in.

Counting (BLDS 2015 Điều 147–148, READINGS B.17): the day of receipt is not counted; a request
received after office hours or on a day off counts as received on the next working day; the
deadline is the end of the N-th working day after that. Times are Vietnam time (UTC+7, no DST);
an aware datetime is converted, a naive one is taken as Vietnam time. Where a regulation sets no
deadline the profile says so and `request_deadline` returns a `Deadline` with ``due=None``.

Vector (issue 10): a password reset (QN20-6.2, 2 working days) received Friday 24 April 2026 is due
Wednesday 29 April 2026: Giỗ Tổ Hùng Vương fell on Sunday 26 April, so Monday 27 April is off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

import holidays as holidays_lib

from congvu.domain.rules import RuleRef
from congvu.regulation.profile import DeadlineStart, Profile, RequestKind

VIETNAM = timezone(timedelta(hours=7), "ICT")

# Saturdays worked in exchange for a weekday off, from the Government's yearly announcements (the
# `holidays` package lists the day off as "Ngày nghỉ (thay cho ngày …)"; tests cross-check).
GOVERNMENT_MAKEUP_DAYS: frozenset[date] = frozenset(
    {
        date(2024, 5, 4),  # for Monday 29/4/2024 (Công văn 2450/VPCP-KGVX)
        date(2025, 4, 26),  # for Friday 2/5/2025
        date(2026, 8, 22),  # for Monday 31/8/2026
    }
)


@dataclass(frozen=True, slots=True)
class CalendarTable:
    """The operator's corrections: extra days off and extra working days (make-up Saturdays)."""

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()

    @classmethod
    def of(cls, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> CalendarTable:
        off, work = frozenset(days_off), frozenset(working_days)
        clash = off & work
        if clash:
            listed = ", ".join(d.isoformat() for d in sorted(clash))
            raise ValueError(f"a day cannot be both a day off and a working day: {listed}")
        return cls(off, work)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays_lib.country_holidays("VN", years=year).keys())


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Which days are working days, and when the office closes (later arrivals count next day)."""

    table: CalendarTable = field(default_factory=CalendarTable)
    office_closes: time = time(17, 0)
    use_public_holidays: bool = True

    def public_holidays(self, year: int) -> frozenset[date]:
        return _public_holidays(year) if self.use_public_holidays else frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.table.working_days:
            return True
        if day in self.table.days_off:
            return False
        if self.use_public_holidays and day in GOVERNMENT_MAKEUP_DAYS:
            return True
        if day.weekday() >= 5:
            return False
        return day not in self.public_holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day + timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within 400 days after {day.isoformat()}")

    def effective_receipt(self, received_at: datetime | date) -> date:
        """The day a request counts as received (B.17): the next working day if after hours or off."""
        if isinstance(received_at, datetime):
            local = received_at.astimezone(VIETNAM) if received_at.tzinfo else received_at
            day = local.date()
            if self.is_working_day(day) and local.time() < self.office_closes:
                return day
            return self.next_working_day(day)
        return received_at if self.is_working_day(received_at) else self.next_working_day(received_at)


def due_date(received_at: datetime | date, working_days: int, calendar: WorkCalendar) -> date:
    """The last day of a period of `working_days` working days counted from the day after receipt."""
    if working_days < 0:
        raise ValueError("working_days cannot be negative")
    day = calendar.effective_receipt(received_at)
    for _ in range(working_days):
        day = calendar.next_working_day(day)
    return day


def working_days_between(a: datetime | date, b: datetime | date, calendar: WorkCalendar) -> int:
    """Working days after `a`'s effective receipt day up to and including `b`'s day (0 if none).

    ``working_days_between(r, due_date(r, n, c), c) == n``: the age of a request in the unit its
    deadline is counted in.
    """
    start = calendar.effective_receipt(a)
    end = (
        b.astimezone(VIETNAM).date()
        if isinstance(b, datetime) and b.tzinfo
        else (b.date() if isinstance(b, datetime) else b)
    )
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if calendar.is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


@dataclass(frozen=True, slots=True)
class Deadline:
    """A request's deadline under a profile; ``due`` is None where the regulation sets none."""

    kind: RequestKind
    due: date | None
    working_days: int | None
    start: DeadlineStart | None
    rule: RuleRef | None
    counted_from: date | None = None
    provided: bool = True  # False: the regulation has no such request

    @property
    def set_by_text(self) -> bool:
        """True when the regulation sets a number of working days (even if not yet startable)."""
        return self.working_days is not None


def request_deadline(
    profile: Profile,
    kind: RequestKind,
    *,
    received_at: datetime,
    calendar: WorkCalendar,
    handled_at: datetime | None = None,
    information_complete_at: datetime | None = None,
) -> Deadline:
    """The deadline of one request under `profile`, counted from the event its rule names.

    ST14-4.3 (reading A, B.1) counts from handling: until `handled_at` is known, ``due`` is None
    (nothing is due for the handling itself). QN20-7.1 counts from complete information, which
    defaults to receipt.
    """
    rule = profile.deadline(kind)
    if rule is None:
        return Deadline(kind, None, None, None, None, provided=False)
    fig = rule.working_days
    ref = fig.ref
    if fig.value is None:
        return Deadline(kind, None, None, rule.start, ref)
    if rule.start is DeadlineStart.HANDLED:
        start_at: datetime | None = handled_at
    elif rule.start is DeadlineStart.COMPLETE_INFORMATION:
        start_at = information_complete_at or received_at
    else:
        start_at = received_at
    if start_at is None:
        return Deadline(kind, None, fig.value, rule.start, ref)
    counted_from = calendar.effective_receipt(start_at)
    return Deadline(kind, due_date(start_at, fig.value, calendar), fig.value, rule.start, ref, counted_from)
