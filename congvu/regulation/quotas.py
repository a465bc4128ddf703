"""Mailbox quota, quota warnings and attachment / message size limits.

Rules: ST14-8.1 (500 MB box, 15 MB attachments), QN20-9 (5 GB box, 20 MB attachments per
message), SL25-11.2 (the operator sets both; SL25-11.2.d: a warning mail goes into a box whose
content nears its quota). Readings:

* B.10: sizes are binary (MiB, GiB); the attachment limit bears on the decoded attached files, not
  on the base64 message, and is per message unless the profile switches it to per file. The SMTP
  SIZE limit is set about 1.37 × the limit plus headroom (`smtp_size_limit`), so the decoded check
  here is the one that refuses, and cites the rule.
* B.11: "gần vượt quá" is a configurable threshold (default 90%), one warning per crossing: a
  warning is due when usage reaches the threshold and none was sent since it last went below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from congvu.domain.rules import Decision, Violation
from congvu.regulation.profile import AttachmentScope, Profile, format_size

BASE64_FACTOR = 1.37
SMTP_HEADROOM = 1024 * 1024


@dataclass(frozen=True, slots=True)
class QuotaWarning:
    """Whether a warning mail is due now, and the warned flag the caller stores for next time."""

    due: bool
    warned: bool
    percent: float
    rule: str | None = None

    def violation(self) -> Violation:
        """The warning mail's text as a violation-shaped message (key ``quota.warning``)."""
        return Violation.of(self.rule or "SL25-11.2.d", "quota.warning", percent=round(self.percent))


def quota_warning(profile: Profile, used: int, quota: int | None, *, warned: bool) -> QuotaWarning:
    """SL25-11.2.d with B.11: due once when usage crosses the threshold; re-armed below it."""
    if quota is None or quota <= 0:
        return QuotaWarning(False, False, 0.0)
    percent = 100.0 * used / quota
    rule = profile.quota_warning_percent.rule
    if percent < profile.quota_warning_percent.value:
        return QuotaWarning(False, False, percent, rule)
    return QuotaWarning(not warned, True, percent, rule)


def _limit_rule(profile: Profile) -> str:
    return profile.attachment_limit.rule or profile.mailbox_quota.rule or "SL25-11.2"


def check_attachments(profile: Profile, attachment_sizes: Sequence[int]) -> Decision:
    """Decoded attachment sizes against the profile's limit, per message or per file (B.10)."""
    limit = profile.attachment_limit.value
    if limit is None:
        return Decision.allow()
    rule = _limit_rule(profile)
    reading = {"reading": profile.attachment_limit.reading} if profile.attachment_limit.reading else {}
    if profile.attachment_scope.value is AttachmentScope.FILE:
        too_big = [size for size in attachment_sizes if size > limit]
        return Decision(
            tuple(
                Violation.of(
                    rule,
                    "size.attachment_too_large",
                    size=format_size_approx(size),
                    limit=format_size(limit),
                    **reading,
                )
                for size in too_big
            )
        )
    total = sum(attachment_sizes)
    if total > limit:
        return Decision.deny(
            Violation.of(
                rule,
                "size.attachments_total_too_large",
                size=format_size_approx(total),
                limit=format_size(limit),
                **reading,
            )
        )
    return Decision.allow()


def check_quota(profile: Profile, used: int, incoming: int, quota: int | None = None) -> Decision:
    """Whether `incoming` more bytes fit a box holding `used` (quota: the box's own, else the profile's)."""
    limit = quota if quota is not None else profile.mailbox_quota.value
    if limit is None or used + incoming <= limit:
        return Decision.allow()
    rule = profile.mailbox_quota.rule or "SL25-11.2"
    return Decision.deny(
        Violation.of(rule, "size.over_quota", used=format_size_approx(used), limit=format_size(limit))
    )


def smtp_size_limit(profile: Profile) -> int | None:
    """The SMTP SIZE to announce: base64 growth over the attachment limit plus headroom (B.10)."""
    limit = profile.attachment_limit.value
    if limit is None:
        return None
    return int(limit * BASE64_FACTOR) + SMTP_HEADROOM


def format_size_approx(size: int) -> str:
    """Human size with one decimal in the largest fitting binary unit: ``15.2 MiB``."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover
