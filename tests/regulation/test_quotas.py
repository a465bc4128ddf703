"""Quota and size limits (issue 10 item 4): ST14-8.1, QN20-9, SL25-11.2.d; READINGS B.10, B.11."""

from __future__ import annotations

from pathlib import Path

from congvu.regulation.profile import load_profile
from congvu.regulation.quotas import check_attachments, check_quota, quota_warning, smtp_size_limit

MiB = 1024 * 1024
ST14 = load_profile("soctrang-2014")
QN20 = load_profile("quangnam-2020")
SL25 = load_profile("sonla-2025")


def test_qn20_20_mib_per_message_binary_units() -> None:
    assert check_attachments(QN20, [10 * MiB, 10 * MiB]).allowed  # exactly 20 MiB is allowed
    assert check_attachments(QN20, [20_000_000]).allowed  # 20 MB decimal never refused (B.10)
    over = check_attachments(QN20, [10 * MiB, 10 * MiB + 1])
    assert [(v.rule, v.key) for v in over.violations] == [("QN20-9", "size.attachments_total_too_large")]
    assert over.violations[0].params["limit"] == "20 MiB"


def test_st14_15_mib_per_message_unless_switched_per_file(tmp_path: Path) -> None:
    assert not check_attachments(ST14, [8 * MiB, 8 * MiB]).allowed  # reading B.10: per message
    path = tmp_path / "st-per-file.toml"
    path.write_text(
        'name = "st-per-file"\nextends = "soctrang-2014"\n[storage]\n'
        'attachment_scope = { value = "file", rule = "ST14-8.1", reading = "B.10" }\n',
        encoding="utf-8",
    )
    per_file = load_profile(path)
    assert check_attachments(per_file, [8 * MiB, 8 * MiB]).allowed
    too_big = check_attachments(per_file, [16 * MiB, 1 * MiB, 15 * MiB + 1])
    assert [v.key for v in too_big.violations] == ["size.attachment_too_large"] * 2


def test_smtp_size_allows_base64_growth() -> None:
    size = smtp_size_limit(QN20)
    assert size is not None
    assert size > 20 * MiB * 4 // 3


def test_mailbox_quota_st14_500_mib() -> None:
    assert check_quota(ST14, used=499 * MiB, incoming=MiB).allowed
    full = check_quota(ST14, used=499 * MiB, incoming=MiB + 1)
    assert [(v.rule, v.key) for v in full.violations] == [("ST14-8.1", "size.over_quota")]
    assert check_quota(ST14, used=600 * MiB, incoming=MiB, quota=1024 * MiB).allowed  # a box's own quota


def test_sl25_quota_warning_once_per_crossing_reading_b11() -> None:
    quota = 1000
    first = quota_warning(SL25, 899, quota, warned=False)
    assert (first.due, first.warned) == (False, False)
    crossing = quota_warning(SL25, 900, quota, warned=False)
    assert (crossing.due, crossing.warned) == (True, True)
    assert crossing.rule == "SL25-11.2.d"
    assert crossing.violation().key == "quota.warning"
    again = quota_warning(SL25, 950, quota, warned=crossing.warned)
    assert (again.due, again.warned) == (False, True)
    below = quota_warning(SL25, 500, quota, warned=again.warned)
    assert below.warned is False  # re-armed
    assert quota_warning(SL25, 920, quota, warned=below.warned).due
    assert not quota_warning(SL25, 10, None, warned=False).due
