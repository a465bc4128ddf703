"""Lifecycle decisions: what is due for an account (warn, lock, suspend, revoke, purge) and why.

Rules: ST14-4.4 (a box not accessed for 6 months since creation or last access is revoked),
QN20-7.2 (no login for 3 months: the operator suspends the box), SL25-8.2.a (90 days without login
and no reason notified: lock), SL25-8.1 (a locked box still receives mail; 30 days after locking
with no restore request it is revoked), SL25-7.2 (a revoked box is deleted for good). Readings:

* B.3: QN20 counts from the later of issue and last login (reading B); ``base = "issue_only"``
  in a profile gives reading A (only boxes never logged into).
* B.5: "truy xuất"/"đăng nhập" is any successful authentication (webmail, IMAP, POP3, SMTP AUTH,
  SSO); the caller passes the latest of them as `last_login_at`.
* B.6: a unit's recorded reason for absence, valid until a date, stops the SL25 90-day lock.
* B.7: a pending restore request stops the 30-day clock; the unit is warned at lock time and again
  before revocation, because deletion is irreversible (`warn_before`, operator's figure).
* B.8: revocation destroys data only where the profile says so (SL25); elsewhere the box is
  disabled and its data kept for `keep_data_after_revoke`, after which a purge is due.
* B.9: locks for cause (`lock_for_cause`): SL25-8.2.b lets the operator lock a box taken over by
  malware or hijacked on its own detection, but a box spreading spam or malware only once the
  information-security authority's warning is recorded; until then outbound mail may be held.
  SL25-8.2.c locks for forbidden content; QN20-7.2 suspends for misuse or security breaches.

Pure: every time is an argument (aware datetimes); nothing here reads a clock or a store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from congvu.domain.mail import AccountState
from congvu.domain.rules import RuleRef
from congvu.regulation.profile import InactivityAction, InactivityBase, LockCause, Profile


class Action(StrEnum):
    NONE = "none"
    WARN = "warn"
    LOCK = "lock"
    SUSPEND = "suspend"
    REVOKE = "revoke"
    PURGE = "purge"
    HOLD_OUTBOUND = "hold_outbound"  # B.9: hold outgoing mail until the authority's warning is recorded


@dataclass(frozen=True, slots=True)
class AbsenceReason:
    """A unit's recorded reason for a user's absence (SL25-8.2.a, B.6): who entered it, until when."""

    reason: str
    until: date
    entered_by: str


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What lifecycle decisions need to know about one account (all datetimes aware)."""

    state: AccountState
    created_at: datetime
    last_login_at: datetime | None = None
    state_since: datetime | None = None  # when it was locked, suspended or revoked
    absence: AbsenceReason | None = None
    restore_requested_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LifecycleDecision:
    """What is due now, why (rule and message key), when the next step falls due, and its effect."""

    action: Action
    rule: RuleRef | None
    key: str
    due_at: datetime | None = None  # when `action` (or, for WARN, the step warned of) is/was due
    next_action: Action = Action.NONE
    destroys_data: bool = False

    @property
    def needed(self) -> bool:
        return self.action is not Action.NONE


@dataclass(frozen=True, slots=True)
class RevocationEffect:
    """What revoking a box does under a profile (SL25-7.2 vs READINGS B.8)."""

    deletes_data: bool
    keep_data_for: str | None
    rule: RuleRef | None


def revocation_effect(profile: Profile) -> RevocationEffect:
    inactivity = profile.inactivity
    keep = inactivity.keep_data_after_revoke.value
    return RevocationEffect(
        inactivity.revocation_deletes.value,
        None if keep is None or inactivity.revocation_deletes.value else str(keep),
        inactivity.revocation_deletes.ref,
    )


_ACTIONS = {
    InactivityAction.LOCK: Action.LOCK,
    InactivityAction.SUSPEND: Action.SUSPEND,
    InactivityAction.REVOKE: Action.REVOKE,
}


def decide(profile: Profile, facts: AccountFacts, now: datetime) -> LifecycleDecision:
    """The lifecycle step due for `facts` at `now` under `profile`."""
    if facts.state is AccountState.ACTIVE:
        return _active(profile, facts, now)
    if facts.state is AccountState.LOCKED:
        return _locked(profile, facts, now)
    if facts.state is AccountState.REVOKED:
        return _revoked(profile, facts, now)
    # SUSPENDED (QN20-7.2): the text sets no further step; restore on the unit's request (B.4).
    return LifecycleDecision(Action.NONE, profile.inactivity.action.ref, "lifecycle.suspended_waits")


def _active(profile: Profile, facts: AccountFacts, now: datetime) -> LifecycleDecision:
    policy = profile.inactivity
    threshold, action = policy.threshold.value, policy.action.value
    if threshold is None or action is None:
        return LifecycleDecision(Action.NONE, None, "lifecycle.no_inactivity_rule")
    ref = policy.threshold.ref
    if policy.base.value is InactivityBase.ISSUE_ONLY:
        if facts.last_login_at is not None:
            return LifecycleDecision(Action.NONE, ref, "lifecycle.active")
        base = facts.created_at
    else:
        base = max(facts.created_at, facts.last_login_at or facts.created_at)
    due = threshold.after(base)
    step = _ACTIONS[action]
    absence = facts.absence
    if policy.absence_reason_stops.value and absence is not None and absence.until >= now.date():
        return LifecycleDecision(
            Action.NONE,
            policy.absence_reason_stops.ref,
            "lifecycle.absence_recorded",
            due_at=due,
            next_action=step,
        )
    deletes = step is Action.REVOKE and policy.revocation_deletes.value
    if now >= due:
        return LifecycleDecision(
            step, ref, f"lifecycle.inactive_{step.value}", due_at=due, destroys_data=deletes
        )
    warn = policy.warn_before.value
    if warn is not None and now >= warn.before(due):
        return LifecycleDecision(
            Action.WARN,
            policy.warn_before.ref or ref,
            f"lifecycle.warn_{step.value}",
            due_at=due,
            next_action=step,
            destroys_data=False,
        )
    return LifecycleDecision(Action.NONE, ref, "lifecycle.active", due_at=due, next_action=step)


def _locked(profile: Profile, facts: AccountFacts, now: datetime) -> LifecycleDecision:
    policy = profile.inactivity
    period = policy.lock_to_revoke.value
    if period is None or facts.state_since is None:
        return LifecycleDecision(Action.NONE, policy.lock_to_revoke.ref, "lifecycle.locked_waits")
    ref = policy.lock_to_revoke.ref
    if policy.restore_request_stops.value and facts.restore_requested_at is not None:
        return LifecycleDecision(Action.NONE, policy.restore_request_stops.ref, "lifecycle.restore_pending")
    due = period.after(facts.state_since)
    deletes = policy.revocation_deletes.value
    if now >= due:
        return LifecycleDecision(
            Action.REVOKE, ref, "lifecycle.locked_revoke", due_at=due, destroys_data=deletes
        )
    warn = policy.warn_before.value
    if warn is not None and now >= warn.before(due):
        return LifecycleDecision(
            Action.WARN,
            policy.warn_before.ref or ref,
            "lifecycle.warn_revoke_after_lock",
            due_at=due,
            next_action=Action.REVOKE,
        )
    return LifecycleDecision(Action.NONE, ref, "lifecycle.locked", due_at=due, next_action=Action.REVOKE)


def _revoked(profile: Profile, facts: AccountFacts, now: datetime) -> LifecycleDecision:
    policy = profile.inactivity
    keep = policy.keep_data_after_revoke.value
    if policy.revocation_deletes.value or keep is None or facts.state_since is None:
        return LifecycleDecision(Action.NONE, policy.revocation_deletes.ref, "lifecycle.revoked")
    due = keep.after(facts.state_since)
    ref = policy.keep_data_after_revoke.ref
    if now >= due:
        return LifecycleDecision(Action.PURGE, ref, "lifecycle.purge_revoked", due_at=due, destroys_data=True)
    return LifecycleDecision(Action.NONE, ref, "lifecycle.revoked_kept", due_at=due, next_action=Action.PURGE)


def lock_for_cause(
    profile: Profile, cause: LockCause, *, authority_warning: bool = False
) -> LifecycleDecision:
    """What the operator may do about `cause` under `profile` (SL25-8.2.b–c, QN20-7.2, B.9)."""
    rule = profile.locks[cause]
    action = rule.action.value
    ref = rule.action.ref
    if action is None:
        return LifecycleDecision(Action.NONE, ref, "lifecycle.no_lock_rule")
    step = _ACTIONS[action]
    if rule.needs_authority_warning and not authority_warning:
        return LifecycleDecision(Action.HOLD_OUTBOUND, ref, "lifecycle.hold_until_warning", next_action=step)
    return LifecycleDecision(step, ref, f"lifecycle.cause_{step.value}")
