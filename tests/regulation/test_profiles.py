"""Profiles as data (issue 10 item 1): the shipped TOML files, their figures and rule IDs, validation.

Vectors are the regulations' own figures: ST14-8.1 500 MB / 15 MB, QN20-9 5 GB / 20 MB, SL25-8.2.a
90 days, SL25-8.1 30 days, ST14-4.4 6 months, QN20-7.2 3 months, ST17-13.2 twice per half-day.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from congvu.cli.profiles import figures
from congvu.domain.errors import ConfigError
from congvu.regulation.catalogue import catalogue
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.profile import (
    AttachmentScope,
    DeadlineStart,
    InactivityAction,
    Period,
    RequestKind,
    add_months,
    list_profiles,
    load_profile,
    parse_size,
)

MiB = 1024 * 1024
GiB = 1024 * MiB
SHIPPED = ["quangnam-2020", "soctrang-2014", "soctrang-sotttt-2017", "sonla-2025", "tiengiang-2009"]
PROFILES_DIR = Path(__file__).resolve().parents[2] / "congvu" / "regulation" / "profiles"


def test_list_profiles_names_the_five_regulations() -> None:
    assert list_profiles() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_every_figure_cites_a_known_rule_or_is_the_operators(name: str) -> None:
    profile = load_profile(name)
    known = catalogue()
    for key, fig, _ in figures(profile):
        assert fig.rules or fig.operator, key
        for rule in fig.rules:
            assert known.is_known(rule), (key, rule)
    assert isinstance(profile.naming, NamingConfig)
    assert profile.domains
    assert profile.web_address.startswith("https://mail.")


def test_st14_figures() -> None:
    st = load_profile("soctrang-2014")
    assert st.domains == ("soctrang.gov.vn",)
    assert (st.mailbox_quota.value, st.mailbox_quota.rule) == (500 * MiB, "ST14-8.1")
    assert (st.attachment_limit.value, st.attachment_limit.reading) == (15 * MiB, "B.10")
    assert st.attachment_scope.value is AttachmentScope.MESSAGE
    assert st.passwords.rotation.value == Period(1, "months")
    assert st.passwords.rotation.rule == "ST14-13.2"
    assert st.inactivity.threshold.value == Period(6, "months")
    assert st.inactivity.action.value is InactivityAction.REVOKE
    assert st.inactivity.revocation_deletes.value is False  # READINGS B.8
    reset = st.deadline(RequestKind.PASSWORD_RESET)
    assert reset is not None
    assert (reset.working_days.value, reset.start, reset.working_days.rule) == (
        3,
        DeadlineStart.HANDLED,
        "ST14-4.3",
    )
    assert st.naming.engine == "st14"


def test_st17_extends_st14_and_adds_its_rules() -> None:
    st17 = load_profile("soctrang-sotttt-2017")
    assert st17.extends == "soctrang-2014"
    assert st17.regulations == ("ST17", "ST14")
    assert (st17.mail_checks_per_half_day.value, st17.mail_checks_per_half_day.rule) == (2, "ST17-13.2")
    assert st17.mailbox_quota.value == 500 * MiB  # inherited ST14-8.1
    assert st17.web.rule == "ST17-4.3"
    assert "ST17-13.4" in st17.classified.rules
    assert st17.reports.rule == "ST17-8.5"
    assert st17.naming.engine == "st14"  # ST17-5 adopts ST14-3


def test_qn20_figures() -> None:
    qn = load_profile("quangnam-2020")
    assert (qn.mailbox_quota.value, qn.attachment_limit.value) == (5 * GiB, 20 * MiB)
    assert qn.passwords.forbid_name_parts.value
    assert qn.passwords.forbid_name_parts.reading == "B.14"
    assert qn.passwords.rotation.value is None
    assert qn.inactivity.threshold.value == Period(3, "months")
    assert qn.inactivity.action.value is InactivityAction.SUSPEND
    create, reset, revoke = (
        qn.deadline(k) for k in (RequestKind.CREATE, RequestKind.PASSWORD_RESET, RequestKind.REVOKE)
    )
    assert create is not None
    assert create.working_days.value == 5
    assert create.working_days.rule == "QN20-5.2"
    assert reset is not None
    assert reset.working_days.value == 2
    assert revoke is not None
    assert revoke.start is DeadlineStart.COMPLETE_INFORMATION
    assert qn.deadline(RequestKind.MODIFY) is None
    assert "gmail.com" in qn.public_mail_services.value
    assert qn.public_mail_services.rule == "QN20-11.8"


def test_sl25_figures() -> None:
    sl = load_profile("sonla-2025")
    assert sl.passwords.special_set.value == "!@#%$*&"
    assert sl.passwords.rotation.value == Period(3, "months")
    assert sl.inactivity.threshold.value == Period(90, "days")
    assert sl.inactivity.threshold.rule == "SL25-8.2.a"
    assert sl.inactivity.lock_to_revoke.value == Period(30, "days")
    assert sl.inactivity.revocation_deletes.value is True
    assert sl.inactivity.revocation_deletes.rule == "SL25-7.2"
    assert (sl.quota_warning_percent.value, sl.quota_warning_percent.rule) == (90, "SL25-11.2.d")
    assert sl.log_retention.value == Period(6, "months")
    for kind in (RequestKind.CREATE, RequestKind.MODIFY, RequestKind.REVOKE):
        rule = sl.deadline(kind)
        assert rule is not None
        assert rule.working_days.value is None
        assert rule.working_days.rule == "SL25-7"
    restore = sl.deadline(RequestKind.RESTORE)
    assert restore is not None
    assert restore.working_days.value == 3
    assert sl.public_mail_services.value == ()


def test_tg09_sets_no_deadline_and_few_figures() -> None:
    tg = load_profile("tiengiang-2009")
    create = tg.deadline(RequestKind.CREATE)
    assert create is not None
    assert create.working_days.value is None
    assert create.working_days.rule == "TG09-8"
    assert tg.inactivity.threshold.value is None
    assert tg.mailbox_quota.operator  # the text sets no quota: the operator's storage regime (TG09-8)
    assert tg.mailbox_quota.rule == "TG09-8"


def test_sizes_are_binary_and_decimal_units_refused() -> None:
    assert parse_size("15 MiB") == 15 * 1024 * 1024
    assert parse_size("5 GiB") == 5 * 1024**3
    with pytest.raises(ValueError, match=r"B\.10"):
        parse_size("15 MB")


def test_months_follow_blds_article_148() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(datetime(2026, 11, 30, 9, 0), 3) == datetime(2027, 2, 28, 9, 0)
    assert Period.parse("90 days").after(date(2026, 1, 1)) == date(2026, 4, 1)


# --- a new province: an administrator's file, loaded by path -----------------------------------

NEW_PROVINCE = """
name = "newprovince-2026"
extends = "sonla-2025"

[system]
domains = { value = ["example.gov.vn", "old.example.gov.vn"], operator = true }
web_address = { value = "https://mail.example.gov.vn", operator = true }

[storage]
attachment_limit = { value = "30 MiB", rule = "SL25-11.2", operator = true }
"""


def test_load_from_path_extends_a_shipped_profile(tmp_path: Path) -> None:
    path = tmp_path / "newprovince-2026.toml"
    path.write_text(NEW_PROVINCE, encoding="utf-8")
    profile = load_profile(path)
    assert profile.name == "newprovince-2026"
    assert profile.domains == ("example.gov.vn", "old.example.gov.vn")
    assert profile.attachment_limit.value == 30 * MiB
    assert profile.passwords.special_set.value == "!@#%$*&"  # inherited
    assert profile.source == str(path)


def test_extends_a_sibling_file_first(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text(
        (PROFILES_DIR / "quangnam-2020.toml")
        .read_text(encoding="utf-8")
        .replace('name = "quangnam-2020"', 'name = "base"'),
        encoding="utf-8",
    )
    (tmp_path / "child.toml").write_text('name = "child"\nextends = "base"\n', encoding="utf-8")
    assert load_profile(tmp_path / "child.toml").mailbox_quota.value == 5 * GiB
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "grandchild.toml").write_text(
        'name = "grandchild"\nextends = "../child.toml"\n', encoding="utf-8"
    )
    assert load_profile(tmp_path / "sub" / "grandchild.toml").name == "grandchild"


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            '[storage]\nmailbox_quota = { value = "5 GB", rule = "QN20-9" }',
            r"\[storage\] mailbox_quota: .*B\.10",
        ),
        ('[storage]\nmailbox_quota = { value = "5 GiB", rule = "QN20-99" }', r"QN20-99.*not in RULES.md"),
        ('[storage]\nmailbox_quota = { value = "5 GiB" }', r"mailbox_quota: cite the rule"),
        ('[storage]\nmailbox_quota = "5 GiB"', r"mailbox_quota: expected an inline table"),
        (
            '[storage]\nmailbox_qouta = { value = "5 GiB", operator = true }',
            r"\[storage\] mailbox_qouta: unknown key",
        ),
        ("[sotrage]\nx = 1", r"\[sotrage\]: unknown section"),
        (
            "[deadlines]\nrename = { value = 3, operator = true }",
            r"\[deadlines\] rename: unknown request kind",
        ),
        ('[deadlines]\ncreate = { value = 3, operator = true, start = "later" }', r"start must be"),
        (
            '[passwords]\nrotation = { value = "3 weeks", operator = true }',
            r"\[passwords\] rotation: expected a period",
        ),
        (
            '[passwords]\nmin_length = { value = "8", operator = true }',
            r"min_length: expected a whole number",
        ),
        (
            '[storage]\nlog_retention = { value = "6 months", operator = true, reading = "C.1" }',
            r"reading must",
        ),
        ('[naming]\nengine = "xx"', r"\[naming\] engine"),
    ],
)
def test_validation_names_file_key_and_problem(tmp_path: Path, patch: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'name = "bad"\nextends = "quangnam-2020"\n{patch}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_profile(path)
    assert str(path) in str(info.value)


def test_unknown_name_bad_toml_and_loops(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no such profile.*sonla-2025"):
        load_profile("hanoi-2030")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml: not valid TOML"):
        load_profile(broken)
    (tmp_path / "a.toml").write_text('name = "a"\nextends = "b"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('name = "b"\nextends = "a"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="extends loops"):
        load_profile(tmp_path / "a.toml")
    with pytest.raises(ConfigError, match="cannot read profile"):
        load_profile(tmp_path / "missing.toml")


def test_profiles_are_frozen() -> None:
    profile = load_profile("sonla-2025")
    with pytest.raises(AttributeError):
        profile.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        profile.deadlines[RequestKind.CREATE] = profile.deadlines[RequestKind.RESTORE]  # type: ignore[index]


def test_the_docs_example_profile_loads(tmp_path: Path) -> None:
    docs = (PROFILES_DIR.parents[2] / "docs" / "regulation.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "binhdinh-2026.toml"
    path.write_text(example, encoding="utf-8")
    profile = load_profile(path)
    assert profile.domains == ("binhdinh.gov.vn",)
    assert profile.attachment_limit.value == 30 * MiB
    assert profile.attachment_limit.note == "Sở KH&CN quyết định"
    assert profile.inactivity.threshold.rule == "SL25-8.2.a"  # inherited


def test_a_figure_that_refuses_must_cite_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "uncited.toml"
    head = 'name = "uncited"\nextends = "sonla-2025"\n[storage]\n'
    path.write_text(head + 'mailbox_quota = { value = "2 GiB", operator = true }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[storage\] mailbox_quota: this figure is cited"):
        load_profile(path)
    path.write_text(head + 'mailbox_quota = { value = "none", operator = true }\n', encoding="utf-8")
    assert load_profile(path).mailbox_quota.value is None
