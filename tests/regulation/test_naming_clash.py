"""Clash handling, batches, re-ranking and overrides (ST14-3.3, QN20-4.2, SL25-5.1.a, SL25-5.2).

READINGS.md A.2 (rank decides inside a batch, never a rename), A.3 (ST14 numbering), A.4
(QN20 scope), A.5 (SL25 unit letters), A.8 (SL25 digits).
"""

from __future__ import annotations

import pytest

from congvu.domain.errors import Conflict, PolicyDenied
from congvu.i18n import known, translate
from congvu.regulation.names import PersonName
from congvu.regulation.naming import (
    Existing,
    NamingConfig,
    PersonRequest,
    Taken,
    Unit,
    UnitRequest,
    engine_for,
    override,
    propose,
    propose_units,
)

SO_TTTT = Unit("Sở Thông tin và Truyền thông")
SO_YTE = Unit("Sở Y tế")
SKHCN = Unit("Sở Khoa học và Công nghệ")
BINH = PersonName("Nguyễn", "Thanh", "Bình")


def _st14() -> object:
    return engine_for(NamingConfig("st14"))


# --- ST14-3.3 -------------------------------------------------------------------------------
def test_st14_3_3_a_rank_then_registration_order_in_one_batch() -> None:
    engine = engine_for(NamingConfig("st14"))
    staff_early = PersonRequest(BINH, SO_TTTT, order=1, ref="staff-early")
    staff_late = PersonRequest(BINH, SO_TTTT, order=3, ref="staff-late")
    leader = PersonRequest(PersonName("Nguyễn", "Thế", "Bình"), SO_TTTT, leader=True, order=2, ref="leader")
    proposals = propose(engine, [staff_early, staff_late, leader])
    assert [p.local for p in proposals] == ["ntbinh.sotttt", "ntbinh2.sotttt", "ntbinh"]
    assert proposals[0].reasons[1].key == "naming.clash_batch_rank"
    assert proposals[1].reasons[1].key == "naming.clash_batch_rank"
    staff = propose(engine, [PersonRequest(BINH, SO_TTTT, order=2), PersonRequest(BINH, SO_TTTT, order=1)])
    assert [p.local for p in staff] == ["ntbinh.sotttt", "ntbinh"]
    assert staff[0].reasons[1].key == "naming.clash_batch_order"


def test_st14_3_3_b_numbering_continues_3_4_never_1() -> None:
    engine = engine_for(NamingConfig("st14"))
    proposals = propose(engine, [PersonRequest(BINH, SO_TTTT, order=i) for i in range(5)])
    assert [p.local for p in proposals] == [
        "ntbinh",
        "ntbinh.sotttt",
        "ntbinh2.sotttt",
        "ntbinh3.sotttt",
        "ntbinh4.sotttt",
    ]


def test_st14_suffix_is_the_organisation_also_for_staff_of_a_division() -> None:
    engine = engine_for(NamingConfig("st14"))
    division = Unit("Phòng Công nghệ thông tin", parent=SO_TTTT)
    [p] = propose(engine, [PersonRequest(BINH, division)], ["ntbinh"])
    assert p.local == "ntbinh.sotttt"


def test_st14_agency_address_wins_over_computed_form() -> None:
    engine = engine_for(NamingConfig("st14"))
    renamed = Unit("Sở Thông tin và Truyền thông", address="stttt")
    [p] = propose(engine, [PersonRequest(BINH, renamed)], ["ntbinh"])
    assert p.local == "ntbinh.stttt"


def test_st14_late_leader_gets_advice_not_a_rename_reading_a_2() -> None:
    engine = engine_for(NamingConfig("st14"))
    taken = Taken([Existing("ntbinh", leader=False, unit_address="huyenmx")])
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT, leader=True)], taken)
    assert p.local == "ntbinh.sotttt"  # the existing box keeps its address
    assert p.rerank is not None
    assert p.rerank.holder == "ntbinh"
    assert p.rerank.holder_would_get == "ntbinh.huyenmx"
    assert p.rerank.rule.rule == "ST14-3.3.a"
    assert p.rerank.rule.params["reading"] == "A.2"
    assert p.needs_confirmation
    assert "ntbinh" in taken  # nothing was changed


def test_st14_no_advice_when_the_holder_is_a_leader_too() -> None:
    engine = engine_for(NamingConfig("st14"))
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT, leader=True)], [Existing("ntbinh", leader=True)])
    assert p.rerank is None
    assert p.local == "ntbinh.sotttt"


def test_aliases_count_and_comparison_is_folded() -> None:
    engine = engine_for(NamingConfig("st14"))
    taken = Taken([Existing("NTBình", alias=True), "NTBINH.SOTTTT@soctrang.gov.vn"])
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT, leader=True)], taken)
    assert p.local == "ntbinh2.sotttt"
    assert p.rerank is None  # an alias is not a box to re-rank


def test_st14_sub_unit_clash_is_operator_choice_3_1_b() -> None:
    engine = engine_for(NamingConfig("st14"))
    units = [
        UnitRequest(Unit("Phòng Kế hoạch Tài chính", parent=SO_TTTT)),
        UnitRequest(Unit("Phòng Kiểm tra Thanh tra", parent=SO_TTTT)),
    ]
    first, second = propose_units(engine, units)
    assert first.local == "phongkhtc.sotttt"
    assert second.plain == "phongkttt.sotttt"  # no clash: different letters
    third = propose_units(
        engine, [UnitRequest(Unit("Phòng Khảo hạch Thẩm chuẩn", parent=SO_TTTT))], ["phongkhtc.sotttt"]
    )
    assert third[0].local not in (None, "phongkhtc.sotttt")
    assert third[0].needs_confirmation
    assert "ST14-3.1.b" in third[0].rules


def test_st14_type_table_reading_a_1() -> None:
    engine = engine_for(NamingConfig("st14"))
    proposals = propose_units(
        engine,
        [
            UnitRequest(Unit("Trung tâm Công nghệ thông tin và Truyền thông")),
            UnitRequest(Unit("Hội Nông dân")),
        ],
    )
    assert proposals[0].local == "trungtamcntttt"
    assert not proposals[0].needs_confirmation
    assert proposals[1].local == "hoind"  # "Hội" is not in the table: first word, confirmed
    assert proposals[1].needs_confirmation
    assert any(r.params.get("reading") == "A.1" for r in proposals[1].reasons)


def test_st14_profile_type_words() -> None:
    config = NamingConfig.from_mapping({"engine": "st14", "type_words": {"hội": "hoi"}}, where="t.toml")
    [p] = propose_units(engine_for(config), [UnitRequest(Unit("Hội Nông dân"))])
    assert p.local == "hoind"
    assert not p.needs_confirmation


# --- QN20-4.2 -------------------------------------------------------------------------------
def test_qn20_same_agency_late_leader_gets_advice() -> None:
    engine = engine_for(NamingConfig("qn20"))
    taken = [Existing("vanntt", unit=SO_TTTT.identity, leader=False)]
    [p] = propose(engine, [PersonRequest(PersonName("Nguyễn", "Thị Tú", "Vân"), SO_TTTT, leader=True)], taken)
    assert p.local == "vanntt1"
    assert p.rerank is not None
    assert p.rerank.holder_would_get == "vanntt2"
    assert p.rerank.rule.rule == "QN20-4.2"


def test_qn20_other_agency_existing_keeps_plain_reading_a_4() -> None:
    engine = engine_for(NamingConfig("qn20"))
    taken = [Existing("vanntt", unit=SO_YTE.identity, leader=False)]
    [p] = propose(engine, [PersonRequest(PersonName("Nguyễn", "Thị Tú", "Vân"), SO_TTTT, leader=True)], taken)
    assert p.local == "vanntt1"
    assert p.rerank is None
    assert p.reasons[-1].params["reading"] == "A.4"


def test_qn20_has_no_org_format_reading_a_11() -> None:
    [p] = propose_units(engine_for(NamingConfig("qn20")), [UnitRequest(SO_TTTT)])
    assert p.local is None
    assert p.needs_confirmation
    assert p.reasons[0].params["reading"] == "A.11"


# --- SL25-5.2 and 5.1 -----------------------------------------------------------------------
def test_sl25_existing_holder_keeps_plain_and_lowest_free_number_is_offered() -> None:
    engine = engine_for(NamingConfig("sl25"))
    [p] = propose(
        engine, [PersonRequest(PersonName("Nguyễn", "Thu", "Hòa"), SKHCN, leader=True)], ["hoant.skhcn"]
    )
    assert p.local == "hoant1.skhcn"
    assert p.needs_confirmation
    assert p.rerank is None  # SL25 states no rank rule


def test_sl25_birth_year_digits_when_configured() -> None:
    config = NamingConfig.from_mapping({"engine": "sl25", "propose_digits": "birth_year"}, where="t.toml")
    request = PersonRequest(PersonName("Nguyễn", "Thu", "Hòa"), SKHCN, birth_year=1990)
    [p] = propose(engine_for(config), [request], ["hoant.skhcn"])
    assert p.local == "hoant90.skhcn"
    assert p.reasons[-1].key == "naming.digits_birth_year"


def test_sl25_no_proposal_without_operator_digits_when_configured() -> None:
    config = NamingConfig.from_mapping({"engine": "sl25", "propose_digits": "none"}, where="t.toml")
    [p] = propose(engine_for(config), [PersonRequest(PersonName("Trần", "", "Hoàn"), SKHCN)], ["hoant.skhcn"])
    assert p.local is None
    assert p.needs_confirmation


def test_sl25_operator_digits_already_taken() -> None:
    engine = engine_for(NamingConfig("sl25"))
    request = PersonRequest(PersonName("Trần", "", "Hoàn"), SKHCN, digits="88")
    [p] = propose(engine, [request], ["hoant.skhcn", "hoant88.skhcn"])
    assert p.local is None


def test_sl25_commune_staff_use_the_commune_reading_a_7() -> None:
    engine = engine_for(NamingConfig("sl25"))
    commune = Unit("Ủy ban nhân dân phường Chiềng Cơi", commune=True)
    division = Unit("phòng Kinh tế", parent=commune)
    [p] = propose(engine, [PersonRequest(PersonName("Lò", "Văn", "Minh"), division)])
    assert p.local == "minhlv.chiengcoi"
    assert any(r.params.get("reading") == "A.7" for r in p.reasons)


def test_sl25_other_commune_body_needs_a_parent_reading_a_6() -> None:
    engine = engine_for(NamingConfig("sl25"))
    [alone, under] = propose_units(
        engine,
        [
            UnitRequest(Unit("Công an xã Chiềng Mung", commune=True)),
            UnitRequest(Unit("Công an xã Chiềng Mung", parent=Unit("Xã Chiềng Mung", commune=True))),
        ],
    )
    assert alone.local is None
    assert under.local == "ca.chiengmung"


def test_sl25_unit_clash_existing_unit_keeps_short_form_reading_a_5() -> None:
    engine = engine_for(NamingConfig("sl25"))
    [p] = propose_units(engine, [UnitRequest(Unit("Sở Ngoại vụ"))], ["snv"])
    assert p.local == "sngv"
    assert p.reasons[-1].params["reading"] == "A.5"
    [q] = propose_units(engine, [UnitRequest(Unit("Sở Ngoại vụ"))], ["snv", "sngv"])
    assert q.local == "songv"  # then whole words, in order


# --- overrides ------------------------------------------------------------------------------
def test_override_records_operator_and_reason() -> None:
    engine = engine_for(NamingConfig("st14"))
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT)], ["ntbinh"])
    record = override(
        engine, p, "binhnt.sotttt", operator="tt-cntt", reason_text="theo đề nghị của Sở", taken=["ntbinh"]
    )
    assert record.local == "binhnt.sotttt"
    assert record.rule.rule == "ST14-3.3.c"
    assert record.rule.params["proposed"] == "ntbinh.sotttt"
    assert "tt-cntt" in translate(record.rule.key, "vi", **record.rule.params)


@pytest.mark.parametrize("bad", ["Bình", "a..b", ".ab", "ab.", "a b", "x" * 65])
def test_override_refuses_invalid_local_parts(bad: str) -> None:
    engine = engine_for(NamingConfig("qn20"))
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT)])
    with pytest.raises(PolicyDenied) as info:
        override(engine, p, bad, operator="op", reason_text="x")
    assert info.value.decision.violations[0].key == "naming.invalid_local"


def test_override_refuses_taken_and_needs_a_reason() -> None:
    engine = engine_for(NamingConfig("qn20"))
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT)])
    with pytest.raises(Conflict):
        override(engine, p, "binh", operator="op", reason_text="x", taken=[Existing("BINH", alias=True)])
    with pytest.raises(PolicyDenied):
        override(engine, p, "binh", operator="op", reason_text="  ")


def test_every_reason_key_is_registered() -> None:
    engines = {name: engine_for(NamingConfig(name)) for name in ("st14", "qn20", "sl25", "tg09")}
    for engine in engines.values():
        proposals = propose(
            engine, [PersonRequest(BINH, SO_TTTT, leader=True)] * 3, [Existing("ntbinh"), "binhnt"]
        )
        proposals += propose_units(engine, [UnitRequest(SO_TTTT)] * 2)
        for p in proposals:
            for r in p.reasons:
                assert known(r.key), r.key


def test_an_address_longer_than_64_is_left_to_the_operator() -> None:
    engine = engine_for(NamingConfig("qn20"))
    long_given = " ".join(["Sô Phết Sa Ráth Chanh Đa"] * 4)
    [p] = propose(engine, [PersonRequest(PersonName("Thạch", "", long_given), SO_TTTT)])
    assert p.local is None
    assert p.needs_confirmation
    assert p.reasons[-1].key == "naming.too_long"


def test_st14_advice_without_the_holders_unit_leaves_the_move_to_the_operator() -> None:
    engine = engine_for(NamingConfig("st14"))
    [p] = propose(engine, [PersonRequest(BINH, SO_TTTT, leader=True)], [Existing("ntbinh")])
    assert p.rerank is not None
    assert p.rerank.holder_would_get is None
    assert p.rerank.rule.key == "naming.rerank_unknown"
    assert known(p.rerank.rule.key)


def test_qn20_advice_skips_taken_forms() -> None:
    engine = engine_for(NamingConfig("qn20"))
    taken = [Existing("vanntt", unit=SO_TTTT.identity, leader=False), "vanntt2"]
    [p] = propose(engine, [PersonRequest(PersonName("Nguyễn", "Thị Tú", "Vân"), SO_TTTT, leader=True)], taken)
    assert p.local == "vanntt1"
    assert p.rerank is not None
    assert p.rerank.holder_would_get == "vanntt3"


def test_unit_identity_includes_the_parent() -> None:
    a = Unit("Phòng Kinh tế", parent=Unit("Ủy ban nhân dân xã Chiềng Mung", commune=True))
    b = Unit("Phòng Kinh tế", parent=Unit("Ủy ban nhân dân xã Mường Bon", commune=True))
    assert a.identity != b.identity
    assert a.agency.identity == "uy ban nhan dan xa chieng mung"
    assert Unit("X", key="unit-42").identity == "unit-42"


@pytest.mark.parametrize("digits", ["9a", "", "１２", "1234567"])
def test_sl25_invalid_operator_digits(digits: str) -> None:
    engine = engine_for(NamingConfig("sl25"))
    request = PersonRequest(PersonName("Trần", "", "Hoàn"), SKHCN, digits=digits)
    [p] = propose(engine, [request], ["hoant.skhcn"])
    assert p.local is None
    assert "naming.digits_invalid" in [r.key for r in p.reasons]
