"""Vietnamese folding (issue 9 item 5, issue 10 item 2; RULES.md §2 "comparing folded forms")."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.domain.folding import _fold_any, fold, has_diacritics, tone_key


def test_fold_examples() -> None:
    assert fold("Thông báo") == "thong bao"
    assert fold("Đăng") == "dang"
    assert fold("ĐOÀN Văn Thông") == "doan van thong"
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Thanh Vân")) == "nguyen thi thanh van"


def test_tone_placement_old_and_new_give_one_key() -> None:
    assert tone_key("hoà") == tone_key("hòa")
    assert tone_key("Thuý") == tone_key("thúy")
    assert tone_key("khẩn") != tone_key("khan")
    assert tone_key("khẩn") == tone_key(unicodedata.normalize("NFD", "khẩn"))


def test_has_diacritics() -> None:
    assert has_diacritics("khẩn")
    assert not has_diacritics("KHAN")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fast_fold_equals_domain_fold(text: str) -> None:
    assert fold(text) == _fold_any(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹóòỏõọớờởỡợúùủũụứừửữự.,"))
def test_fast_fold_equals_domain_fold_on_vietnamese(text: str) -> None:
    assert fold(text) == _fold_any(text)
    assert fold(unicodedata.normalize("NFD", text)) == _fold_any(text)


def test_fast_fold_edge_characters() -> None:
    for text in ("ü Ð ø ð", "漢字 ắ", "e\u0308\u034f", "Ǆ ǅ", "İstanbul", "ﬁ", "\u0344", "Ǹ", "ℌ", "Ω"):
        assert fold(text) == _fold_any(text)
