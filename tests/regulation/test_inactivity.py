"""Lifecycle decisions (issue 10 item 4): ST14-4.4, QN20-7.2, SL25-8.1–2, SL25-7.2; READINGS B.3–B.8."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.domain.mail import AccountState
from congvu.regulation.inactivity import (
    AbsenceReason,
    AccountFacts,
    Action,
    decide,
    lock_for_cause,
    revocation_effect,
)
from congvu.regulation.profile import LockCause, load_profile

ST14 = load_profile("soctrang-2014")
QN20 = load_profile("quangnam-2020")
SL25 = load_profile("sonla-2025")
TG09 = load_profile("tiengiang-2009")

CREATED = datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
LAST = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def active(**kw: object) -> AccountFacts:
    return AccountFacts(state=AccountState.ACTIVE, created_at=CREATED, last_login_at=LAST, **kw)  # type: ignore[arg-type]


def test_sl25_locks_after_90_days_without_login() -> None:
    due = LAST + timedelta(days=90)
    assert decide(SL25, active(), due - timedelta(seconds=1)).action is Action.WARN
    locked = decide(SL25, active(), due)
    assert locked.action is Action.LOCK
    assert locked.rule is not None
    assert locked.rule.id == "SL25-8.2.a"
    assert locked.due_at == due
    assert not locked.destroys_data
    assert decide(SL25, active(), due - timedelta(days=8)).action is Action.NONE  # warn 7 days ahead


def test_sl25_recorded_absence_stops_the_lock_until_its_date_reading_b6() -> None:
    absence = AbsenceReason("Đi học dài hạn", until=date(2026, 6, 30), entered_by="vanthu.skhcn")
    during = decide(SL25, active(absence=absence), datetime(2026, 6, 1, tzinfo=UTC))
    assert during.action is Action.NONE
    assert during.key == "lifecycle.absence_recorded"
    assert during.rule is not None
    assert during.rule.reading == "B.6"
    after = decide(SL25, active(absence=absence), datetime(2026, 7, 1, tzinfo=UTC))
    assert after.action is Action.LOCK


def test_sl25_revokes_30_days_after_lock_and_that_destroys_data() -> None:
    locked_at = datetime(2026, 4, 5, tzinfo=UTC)
    facts = AccountFacts(AccountState.LOCKED, CREATED, LAST, state_since=locked_at)
    assert decide(SL25, facts, locked_at + timedelta(days=29)).action is Action.WARN
    revoke = decide(SL25, facts, locked_at + timedelta(days=30))
    assert revoke.action is Action.REVOKE
    assert revoke.destroys_data
    assert revoke.rule is not None
    assert revoke.rule.id == "SL25-8.1"
    effect = revocation_effect(SL25)
    assert effect.deletes_data
    assert effect.rule is not None
    assert effect.rule.id == "SL25-7.2"


def test_sl25_pending_restore_request_stops_the_clock_reading_b7() -> None:
    locked_at = datetime(2026, 4, 5, tzinfo=UTC)
    facts = AccountFacts(
        AccountState.LOCKED,
        CREATED,
        LAST,
        state_since=locked_at,
        restore_requested_at=locked_at + timedelta(days=10),
    )
    decision = decide(SL25, facts, locked_at + timedelta(days=60))
    assert decision.action is Action.NONE
    assert decision.key == "lifecycle.restore_pending"


def test_qn20_suspends_after_3_months_from_the_later_of_issue_and_login_reading_b3() -> None:
    due = datetime(2026, 4, 5, 8, 0, tzinfo=UTC)  # 5 January + 3 calendar months
    assert decide(QN20, active(), due - timedelta(seconds=1)).action is Action.WARN
    suspended = decide(QN20, active(), due)
    assert suspended.action is Action.SUSPEND
    assert suspended.rule is not None
    assert (suspended.rule.id, suspended.rule.reading) == ("QN20-7.2", "B.3")
    never = AccountFacts(AccountState.ACTIVE, CREATED)
    assert decide(QN20, never, datetime(2026, 3, 1, 8, 0, tzinfo=UTC)).action is Action.SUSPEND
    # a suspended box stays so until a restore request (B.4): no further step
    suspended_box = AccountFacts(AccountState.SUSPENDED, CREATED, state_since=due)
    assert decide(QN20, suspended_box, due + timedelta(days=400)).action is Action.NONE


def test_st14_revokes_after_6_months_but_keeps_data_reading_b8() -> None:
    revoke = decide(ST14, active(), datetime(2026, 7, 5, 8, 0, tzinfo=UTC))
    assert revoke.action is Action.REVOKE
    assert revoke.rule is not None
    assert revoke.rule.id == "ST14-4.4"
    assert not revoke.destroys_data
    assert decide(ST14, active(), datetime(2026, 7, 5, 7, 59, tzinfo=UTC)).action is Action.WARN
    revoked_at = datetime(2026, 7, 5, tzinfo=UTC)
    gone = AccountFacts(AccountState.REVOKED, CREATED, LAST, state_since=revoked_at)
    kept = decide(ST14, gone, revoked_at + timedelta(days=300))
    assert kept.action is Action.NONE
    assert kept.next_action is Action.PURGE
    purge = decide(ST14, gone, datetime(2027, 7, 5, tzinfo=UTC))
    assert purge.action is Action.PURGE
    assert purge.destroys_data
    assert revocation_effect(ST14).keep_data_for == "12 months"


def test_tg09_sets_no_inactivity_rule() -> None:
    assert decide(TG09, active(), datetime(2030, 1, 1, tzinfo=UTC)).action is Action.NONE
    assert decide(TG09, active(), datetime(2030, 1, 1, tzinfo=UTC)).key == "lifecycle.no_inactivity_rule"


def test_qn20_reading_a_only_never_used_boxes_is_a_profile_option(tmp_path: Path) -> None:
    path = tmp_path / "quangnam-reading-a.toml"
    path.write_text(
        'name = "quangnam-reading-a"\nextends = "quangnam-2020"\n[inactivity]\n'
        'base = { value = "issue_only", rule = "QN20-7.2", reading = "B.3" }\n',
        encoding="utf-8",
    )
    reading_a = load_profile(path)
    late = datetime(2027, 1, 1, tzinfo=UTC)
    assert decide(reading_a, active(), late).action is Action.NONE  # logged in once: never suspended
    assert decide(reading_a, AccountFacts(AccountState.ACTIVE, CREATED), late).action is Action.SUSPEND


def test_locks_for_cause_reading_b9() -> None:
    hijacked = lock_for_cause(SL25, LockCause.HIJACKED)
    assert hijacked.action is Action.LOCK
    assert hijacked.rule is not None
    assert (hijacked.rule.id, hijacked.rule.reading) == ("SL25-8.2.b", "B.9")
    spam = lock_for_cause(SL25, LockCause.SPREADING_SPAM)
    assert spam.action is Action.HOLD_OUTBOUND
    assert spam.next_action is Action.LOCK
    assert lock_for_cause(SL25, LockCause.SPREADING_SPAM, authority_warning=True).action is Action.LOCK
    content = lock_for_cause(SL25, LockCause.FORBIDDEN_CONTENT)
    assert content.rule is not None
    assert content.rule.id == "SL25-8.2.c"
    misuse = lock_for_cause(QN20, LockCause.SPREADING_SPAM)
    assert misuse.action is Action.SUSPEND  # QN20-7.2: on the operator's own initiative
    assert lock_for_cause(ST14, LockCause.HIJACKED).action is Action.NONE
    assert lock_for_cause(TG09, LockCause.FORBIDDEN_CONTENT).key == "lifecycle.no_lock_rule"


@settings(max_examples=150, deadline=None)
@given(
    created=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
    ),
    idle=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
    since=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
)
def test_sl25_never_locks_early_and_never_revokes_an_active_box(
    created: datetime, idle: timedelta, since: timedelta
) -> None:
    now = created + idle
    decision = decide(SL25, AccountFacts(AccountState.ACTIVE, created, created), now)
    assert decision.action in (Action.NONE, Action.WARN, Action.LOCK)
    assert (decision.action is Action.LOCK) == (idle >= timedelta(days=90))
    locked = AccountFacts(AccountState.LOCKED, created, created, state_since=created)
    revoke = decide(SL25, locked, created + since)
    assert (revoke.action is Action.REVOKE) == (since >= timedelta(days=30))
    assert revoke.destroys_data == (revoke.action is Action.REVOKE)
