"""Content rules (issue 10 item 5): classified markings (ST14-13.3, ST17-13.4, TG09-13, QN20-11.2,
SL25-4.2.c) and public mail services (ST14-7.7, ST17-7.5, QN20-11.8)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.regulation.content import check_classified, check_public_recipients, find_markings
from congvu.regulation.profile import load_profile

ST17 = load_profile("soctrang-sotttt-2017")
QN20 = load_profile("quangnam-2020")
SL25 = load_profile("sonla-2025")
TG09 = load_profile("tiengiang-2009")


@pytest.mark.parametrize(
    ("subject", "texts", "expected"),
    [
        ("[MẬT] Báo cáo tình hình", [], [("MẬT", "subject")]),
        ("MẬT: Kế hoạch kiểm tra", [], [("MẬT", "subject")]),
        ("Báo cáo (Tối mật)", [], [("TỐI MẬT", "subject")]),
        ("Fwd: [TUYET MAT] ke hoach", [], [("TUYỆT MẬT", "subject")]),
        ("Thông tin TỐI MẬT về dự án", [], [("TỐI MẬT", "subject")]),
        ("Thư mời họp", ["MẬT\nKính gửi các đơn vị"], [("MẬT", "text")]),
        ("Công văn", ["*** TUYỆT MẬT ***"], [("TUYỆT MẬT", "text")]),
        ("Công văn", ["Số: 12/BC\nĐộ mật: Tối mật"], [("TỐI MẬT", "text")]),
        ("Cong van", ["Do mat: Mat"], [("MẬT", "text")]),
        ("Công văn", ['<div align="right"><b>TỐI MẬT</b></div><p>Kính gửi</p>'], [("TỐI MẬT", "text")]),
        ("tuyet mat", ["mat"], [("TUYỆT MẬT", "subject"), ("MẬT", "text")]),
    ],
)
def test_classified_stamps_are_found(subject: str, texts: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(m.level, m.where) for m in find_markings(subject, texts)] == expected


@pytest.mark.parametrize(
    ("subject", "texts"),
    [
        ("Về việc giữ bí mật thông tin", ["Đề nghị bảo mật mật khẩu và thông tin cá nhân."]),
        ("BÁO CÁO BÍ MẬT KINH DOANH", ["ĐỔI MẬT KHẨU ĐỊNH KỲ"]),
        ("Mất: ví tiền", ["Mất", "[Mất]", "Độ mật: Mất"]),
        ("TOI MAT VI", ["TÔI MẤT VÍ"]),
        ("MAT-123: lỗi đăng nhập", ["Ticket MAT-123"]),
        ("Mật ong rừng Sơn La", ["Mật độ dân số tăng", "quan hệ mật thiết"]),
    ],
)
def test_ordinary_prose_is_not_a_stamp(subject: str, texts: list[str]) -> None:
    assert find_markings(subject, texts) == []


def test_classified_decision_cites_the_profiles_rules() -> None:
    decision = check_classified(ST17, "[MẬT] Báo cáo", ["MẬT"])
    rules = [v.rule for v in decision.violations]
    assert rules == ["ST17-13.4", "ST17-7.6", "ST14-13.3"] * 2
    assert decision.violations[0].params == {"level": "MẬT", "where": "subject"}
    assert [v.rule for v in check_classified(SL25, "Tối mật", []).violations] == ["SL25-4.2.c"]
    assert [v.rule for v in check_classified(TG09, "(MẬT)", []).violations] == ["TG09-13"]
    assert check_classified(QN20, "Báo cáo tuần", ["Nội dung"]).allowed


def test_public_mail_recipients() -> None:
    decision = check_public_recipients(
        QN20, ["a@quangnam.gov.vn", "ai@Gmail.com", "b@mail.yahoo.com", "c@yahoo.com.vn"]
    )
    assert [v.params["address"] for v in decision.violations] == [
        "ai@Gmail.com",
        "b@mail.yahoo.com",
        "c@yahoo.com.vn",
    ]
    assert {v.rule for v in decision.violations} == {"QN20-11.8"}
    st17 = check_public_recipients(ST17, ["x@hotmail.com"])
    assert [v.rule for v in st17.violations] == ["ST17-7.5", "ST14-7.7"]
    assert check_public_recipients(QN20, ["x@notgmail.com"]).allowed
    assert check_public_recipients(SL25, ["x@gmail.com"]).allowed  # SL25 sets no such rule


@settings(max_examples=150, deadline=None)
@given(subject=st.text(max_size=80), body=st.text(max_size=300))
def test_marking_search_never_raises(subject: str, body: str) -> None:
    for marking in find_markings(subject, [body]):
        assert marking.level in ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
