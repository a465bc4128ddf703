"""Password rules (issue 10 item 2): ST14-13.2, QN20-8, SL25-6, QN20-5.3/6.3, SL25-17.2, SL25-8.3.c.

Readings: B.12 (rotation in calendar months), B.13 (special characters), B.14 (name parts).
"""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.domain.rules import Decision
from congvu.regulation.messages import explain
from congvu.regulation.passwords import (
    PasswordOrigin,
    check_password,
    local_parts,
    must_change,
    name_parts,
    rotation_due,
    rotation_reminder_due,
)
from congvu.regulation.profile import Period, Profile, load_profile

ST14 = load_profile("soctrang-2014")
QN20 = load_profile("quangnam-2020")
SL25 = load_profile("sonla-2025")
TG09 = load_profile("tiengiang-2009")
ALL = [ST14, QN20, SL25, TG09, load_profile("soctrang-sotttt-2017")]


def keys(decision: Decision) -> list[tuple[str, str]]:
    return [(v.rule, v.key) for v in decision.violations]


@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_a_strong_password_passes_every_profile(profile: Profile) -> None:
    assert check_password(profile, "Tr@ng-Ch1m-Bay&7", family="Cầm", middle="Thị", given="Duyên").allowed


def test_length_and_four_classes_qn20_8() -> None:
    assert keys(check_password(QN20, "aB1@xyz")) == [("QN20-8.1", "password.too_short")]
    assert keys(check_password(QN20, "abcdefgh")) == [
        ("QN20-8.2", "password.missing_upper"),
        ("QN20-8.2", "password.missing_digit"),
        ("QN20-8.2", "password.missing_special"),
    ]
    # every violation is returned at once
    assert len(check_password(QN20, "").violations) == 5


def test_st14_and_sl25_cite_their_own_articles() -> None:
    assert ("ST14-13.2", "password.missing_special") in keys(check_password(ST14, "Abcdefg12"))
    assert ("SL25-6.2", "password.missing_special") in keys(check_password(SL25, "Abcdefg12"))


def test_sl25_special_from_its_seven_others_still_accepted() -> None:
    # READINGS B.13: "^" alone is special for QN20 and ST14 but SL25 wants one of !@#%$*&
    assert check_password(QN20, "x9^Qr4Tz").allowed
    assert check_password(ST14, "x9^Qr4Tz").allowed
    decision = check_password(SL25, "x9^Qr4Tz")
    assert keys(decision) == [("SL25-6.2", "password.missing_listed_special")]
    assert decision.violations[0].params["reading"] == "B.13"
    assert check_password(SL25, "x9^Qr4T&z").allowed  # other specials are still accepted beside one listed


def test_qn20_name_parts_folded_any_case_reading_b14() -> None:
    decision = check_password(QN20, "Xyz#Nguyen2024q", family="Nguyễn", middle="Văn", given="Nam")
    assert keys(decision) == [("QN20-8.1", "password.contains_name")]
    assert decision.violations[0].params == {"part": "nguyen", "reading": "B.14"}
    # diacritics in the password fold too; đ → d
    assert not check_password(QN20, "Zq#ĐOÀN9kkw", family="Đoàn", middle="Văn", given="Thông").allowed
    # one-letter parts are not name parts (B.14: two or more letters)
    assert name_parts("Ê", "Y Moan", "Niê") == ["moan", "nie"]


def test_the_regulations_message_with_its_article() -> None:
    decision = check_password(QN20, "Vanntt#2020x", family="Nguyễn", middle="Thị Tú", given="Vân")
    text = explain(decision.violations[0], "vi")
    assert text.startswith("Mật khẩu không được trùng với họ, tên, chữ lót")
    assert "(Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND; cách hiểu B.14 của Congvu)" in text
    english = explain(decision.violations[0], "en")
    assert "Article 8(1)" in english
    assert "Congvu reading B.14" in english


def test_names_not_forbidden_where_the_text_does_not_say_so() -> None:
    assert check_password(SL25, "Nguyen#Van2024x", family="Nguyễn", middle="Văn", given="Nam").allowed


def test_address_local_part() -> None:
    assert local_parts("ntbinh2.sotttt@soctrang.gov.vn") == ["ntbinh2.sotttt", "ntbinh2", "sotttt"]
    decision = check_password(ST14, "Ntbinh2.sotttt!", address="ntbinh2.sotttt@soctrang.gov.vn")
    assert keys(decision) == [("ST14-13.2", "password.contains_address")]
    assert keys(check_password(SL25, "Duyenct.skhcn#1", address="duyenct.skhcn@sonla.gov.vn")) == [
        ("SL25-6.2", "password.contains_address")
    ]


@pytest.mark.parametrize(
    "password",
    [
        "Abc@1234",
        "Matkhau@123",
        "1qaz@WSX3edc",
        "Qwerty@123",
        "Asdf!234",
        "Zaq1@wsx",
        "Poiuy#7890",
        "Aa1!aaaaaaa",
    ],
)
@pytest.mark.parametrize("profile", [ST14, QN20, SL25], ids=lambda p: p.name)
def test_guessable_passwords_that_meet_the_class_rules_are_refused(profile: Profile, password: str) -> None:
    decision = check_password(profile, password)
    assert [v.key for v in decision.violations] in (["password.weak"], ["password.keyboard_walk"])
    assert decision.violations[0].rule == profile.passwords.min_guesses_log10.rule


def test_random_eight_characters_are_enough() -> None:
    assert check_password(SL25, "K7#mP2vL").allowed
    assert check_password(QN20, "x9!Qr4Tz").allowed


@settings(max_examples=150, deadline=None)
@given(password=st.text(max_size=120), family=st.text(max_size=12), address=st.text(max_size=30))
def test_password_checks_never_raise(password: str, family: str, address: str) -> None:
    for profile in (QN20, SL25):
        decision = check_password(profile, password, family=family, given=family, address=address)
        assert all(v.rule.startswith(("QN20", "SL25")) for v in decision.violations)


def test_very_long_passwords_are_checked_and_pass() -> None:
    rng = random.Random(10)
    long_password = "Kx7#" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(300))
    assert check_password(QN20, long_password).allowed
    assert [v.key for v in check_password(QN20, "Kx7#" + "mP2vLq9!Zr" * 50).violations] == [
        "password.keyboard_walk"
    ]


# --- rotation and forced changes --------------------------------------------------------------


def test_rotation_in_calendar_months_blds_148() -> None:
    set_at = datetime(2026, 1, 31, 8, 0, tzinfo=UTC)
    assert rotation_due(ST14, set_at) == datetime(2026, 2, 28, 8, 0, tzinfo=UTC)  # "hàng tháng"
    assert rotation_due(SL25, set_at) == datetime(2026, 4, 30, 8, 0, tzinfo=UTC)  # "03 tháng"
    assert rotation_due(QN20, set_at) is None  # QN20 sets no rotation


def test_expired_password_must_change_at_next_login_reading_b12() -> None:
    set_at = datetime(2026, 1, 10, tzinfo=UTC)
    assert must_change(
        SL25, origin=PasswordOrigin.USER, set_at=set_at, now=datetime(2026, 4, 9, tzinfo=UTC)
    ).allowed
    expired = must_change(
        SL25, origin=PasswordOrigin.USER, set_at=set_at, now=datetime(2026, 4, 10, tzinfo=UTC)
    )
    assert keys(expired) == [("SL25-6.1", "password.expired")]
    assert expired.violations[0].params["due"] == "2026-04-10"


@pytest.mark.parametrize(
    ("profile", "origin", "expected"),
    [
        (QN20, PasswordOrigin.ISSUED, ("QN20-5.3", "password.change_first_login")),
        (QN20, PasswordOrigin.RESET, ("QN20-6.3", "password.change_after_reset")),
        (SL25, PasswordOrigin.ISSUED, ("SL25-6.1", "password.change_first_login")),
        (SL25, PasswordOrigin.RESTORED, ("SL25-8.3.c", "password.change_after_restore")),
        (ST14, PasswordOrigin.ISSUED, ("ST14-13.2", "password.change_first_login")),
    ],
)
def test_forced_changes(profile: Profile, origin: PasswordOrigin, expected: tuple[str, str]) -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert keys(must_change(profile, origin=origin, set_at=now, now=now)) == [expected]


def test_user_set_password_needs_no_change_before_expiry() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert must_change(
        QN20, origin=PasswordOrigin.USER, set_at=datetime(2020, 1, 1, tzinfo=UTC), now=now
    ).allowed


def test_reminders_before_rotation_expiry() -> None:
    set_at = datetime(2026, 1, 10, tzinfo=UTC)
    week = Period(7, "days")
    assert not rotation_reminder_due(SL25, set_at, datetime(2026, 4, 2, tzinfo=UTC), before=week)
    assert rotation_reminder_due(SL25, set_at, datetime(2026, 4, 3, tzinfo=UTC), before=week)
    assert not rotation_reminder_due(SL25, set_at, datetime(2026, 4, 10, tzinfo=UTC), before=week)  # expired
    assert not rotation_reminder_due(QN20, set_at, datetime(2026, 4, 3, tzinfo=UTC), before=week)
