"""Vietnamese folding (issue 9 item 5, issue 10 item 2; RULES.md §2 "comparing folded forms")."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from congvu.domain.folding import fold, has_diacritics, tone_key


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
