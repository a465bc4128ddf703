"""Every example of RULES.md §2 as an acceptance test (ST14-3, QN20-4, SL25-5, TG09-3.1)."""

from __future__ import annotations

import pytest

from congvu.regulation.names import PersonName
from congvu.regulation.naming import (
    NamingConfig,
    PersonRequest,
    Unit,
    UnitRequest,
    engine_for,
    propose,
    propose_units,
)

SO_TTTT = Unit("Sở Thông tin và Truyền thông")
MY_XUYEN = Unit("UBND huyện Mỹ Xuyên")
SKHCN = Unit("Sở Khoa học và Công nghệ")


def _units(engine: str, *units: Unit) -> list[str | None]:
    return [p.local for p in propose_units(engine_for(NamingConfig(engine)), [UnitRequest(u) for u in units])]


# --- ST14-3 ---------------------------------------------------------------------------------
def test_st14_organisation_3_1_a() -> None:
    assert _units("st14", SO_TTTT, MY_XUYEN) == ["sotttt", "huyenmx"]


def test_st14_sub_units_3_1_b() -> None:
    subs = (
        Unit("Phòng Công nghệ thông tin", parent=SO_TTTT),
        Unit("Phòng Văn hóa Thông tin huyện Mỹ Xuyên", parent=MY_XUYEN),
        Unit("Xã Thạnh Phú huyện Mỹ Xuyên", parent=MY_XUYEN),
    )
    assert _units("st14", *subs) == ["phongcntt.sotttt", "phongvhtt.huyenmx", "xatp.huyenmx"]


def test_st14_personal_3_2() -> None:
    engine = engine_for(NamingConfig("st14"))
    people = [
        PersonRequest(PersonName("Nguyễn", "Thanh", "Bình"), SO_TTTT),
        PersonRequest(PersonName("Đoàn", "Văn", "Thông"), SO_TTTT),
    ]
    assert [p.local for p in propose(engine, people)] == ["ntbinh", "dvthong"]


def test_st14_clash_3_3() -> None:
    engine = engine_for(NamingConfig("st14"))
    binh = PersonRequest(PersonName("Nguyễn", "Thanh", "Bình"), SO_TTTT)
    [second] = propose(engine, [binh], ["ntbinh"])
    assert second.local == "ntbinh.sotttt"
    assert "ST14-3.3.b" in second.rules
    [third] = propose(engine, [binh], ["ntbinh", "ntbinh.sotttt"])
    assert third.local == "ntbinh2.sotttt"


# --- QN20-4 ---------------------------------------------------------------------------------
def test_qn20_personal_4_1_both_spellings() -> None:
    engine = engine_for(NamingConfig("qn20"))
    people = [
        PersonRequest(PersonName("Nguyễn", "Văn", "Nam"), SO_TTTT),
        PersonRequest(PersonName("Nguyên", "Văn", "Nam"), Unit("Sở Y tế")),
    ]
    assert [p.local for p in propose(engine, people)] == ["namnv", "namnv1"]


def test_qn20_clash_by_leadership_4_2() -> None:
    engine = engine_for(NamingConfig("qn20"))
    staff = PersonRequest(PersonName("Nguyên", "Thị Thanh", "Vân"), SO_TTTT, order=1)
    head = PersonRequest(PersonName("Nguyên", "Thị Tú", "Vân"), SO_TTTT, leader=True, order=2)
    proposals = propose(engine, [staff, head])
    assert [p.local for p in proposals] == ["vanntt1", "vanntt"]


# --- SL25-5 ---------------------------------------------------------------------------------
def test_sl25_units_5_1_a() -> None:
    assert _units("sl25", SKHCN, Unit("Văn phòng tỉnh ủy")) == ["skhcn", "vptu"]
    assert _units("sl25", Unit("Sở Nội vụ"), Unit("Sở Ngoại vụ")) == ["snv", "sngv"]


def test_sl25_commune_5_1_b() -> None:
    assert _units("sl25", Unit("Ủy ban nhân dân phường Chiềng Cơi", commune=True)) == ["chiengcoi"]


def test_sl25_sub_units_5_1_c() -> None:
    subs = (
        Unit("phòng Hạ tầng", parent=SKHCN),
        Unit("phòng Văn hóa - Xã hội", parent=Unit("Phường Mộc Châu", commune=True)),
    )
    assert _units("sl25", *subs) == ["ht.skhcn", "vhxh.mocchau"]


def test_sl25_personal_5_2() -> None:
    engine = engine_for(NamingConfig("sl25"))
    [p] = propose(engine, [PersonRequest(PersonName("Cầm", "Thị", "Duyên"), SKHCN)])
    assert p.local == "duyenct.skhcn"


def test_sl25_clash_with_operator_digits_5_2() -> None:
    engine = engine_for(NamingConfig("sl25"))
    people = [
        PersonRequest(PersonName("Nguyễn", "Thị", "Hoa"), SKHCN),
        PersonRequest(PersonName("Nguyễn", "Thu", "Hòa"), SKHCN, digits="90"),
        PersonRequest(PersonName("Trần", "", "Hoàn"), SKHCN, digits="88"),
    ]
    proposals = propose(engine, people)
    assert [p.local for p in proposals] == ["hoant.skhcn", "hoant90.skhcn", "hoant88.skhcn"]
    assert all(p.plain == "hoant.skhcn" for p in proposals)
    assert proposals[1].reasons[-1].params["reading"] == "A.8"


def test_sl25_communes_folding_alike_are_a_unit_clash_a_9() -> None:
    proposals = propose_units(
        engine_for(NamingConfig("sl25")),
        [UnitRequest(Unit("Phường Mỹ Tho", commune=True)), UnitRequest(Unit("Xã Mỹ Thọ", commune=True))],
    )
    assert proposals[0].local == "mytho"
    assert proposals[1].plain == "mytho"
    assert proposals[1].local == "xamytho"  # the type word added, for the operator to confirm
    assert proposals[1].needs_confirmation
    assert any(r.params.get("reading") == "A.9" for r in proposals[1].reasons)


# --- TG09-3.1 -------------------------------------------------------------------------------
def test_tg09_without_standard_proposes_nothing() -> None:
    engine = engine_for(NamingConfig("tg09"))
    [p] = propose(engine, [PersonRequest(PersonName("Lê", "Văn", "Tám"), SO_TTTT)])
    assert p.local is None
    assert p.needs_confirmation
    assert p.rules == ("TG09-3.1.b",)


@pytest.mark.parametrize(
    ("template", "expected"), [("{given}{initials}", "tamlv"), ("{initials}{given}", "lvtam")]
)
def test_tg09_configured_rule_always_confirmed(template: str, expected: str) -> None:
    engine = engine_for(NamingConfig("tg09", personal=template))
    [p] = propose(engine, [PersonRequest(PersonName("Lê", "Văn", "Tám"), SO_TTTT)])
    assert p.local == expected
    assert p.needs_confirmation
