"""TCVN3 (ABC) and VNI detection and conversion (ST14-5.2, SL25-3.3: Unicode per TCVN 6909:2001).

The rule under test: a legacy-encoded name is converted when exactly one reading is sound,
otherwise refused; Unicode Vietnamese is never altered; so no wrong address can come out.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.regulation.legacy_encoding import (
    TCVN3,
    VNI,
    Encoding,
    LegacyEncodingError,
    decode_bytes,
    is_legacy,
    is_syllable,
    to_unicode,
)


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    ("legacy", "unicode", "encoding"),
    [
        ("NguyÔn V¨n Th«ng", "Nguyễn Văn Thông", Encoding.TCVN3),
        ("§oµn V¨n Th«ng", "Đoàn Văn Thông", Encoding.TCVN3),
        ("Thµnh phè", "Thành phố", Encoding.TCVN3),
        ("B¶o Th¾ng", "Bảo Thắng", Encoding.TCVN3),
        ("M\xadêng Kh\xad¬ng", "Mường Khương", Encoding.TCVN3),
        ("NGUYÔN", "NGUYỄN", Encoding.TCVN3),  # a .VnTimeH capital word
        ("Nguyeãn Vaên Thoâng", "Nguyễn Văn Thông", Encoding.VNI),
        ("Ñoaøn Vaên Thoâng", "Đoàn Văn Thông", Encoding.VNI),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", Encoding.VNI),
        ("Tröôøng", "Trường", Encoding.VNI),
        ("H'Hen Niª", "H'Hen Niê", Encoding.TCVN3),  # a minority name typed in .VnTime
        ("Giµng A P¸o", "Giàng A Páo", Encoding.TCVN3),
        ("Y Moan £ban", "Y Moan Êban", Encoding.TCVN3),
        ("Y Ng«ng Niª K®¨m", "Y Ngông Niê Kđăm", Encoding.TCVN3),
    ],
)
def test_known_legacy_strings(legacy: str, unicode: str, encoding: Encoding) -> None:
    decoded = to_unicode(legacy)
    assert decoded.text == unicode
    assert decoded.encoding is encoding
    assert decoded.converted
    assert is_legacy(legacy)


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Thanh Bình", "Bình Tâm", "Lê Thú", "H'Hen Niê", "Y Moan Êban", "Giàng A Páo", "Kđăm", "abc", ""],
)
def test_unicode_is_left_alone(text: str) -> None:
    decoded = to_unicode(text)
    assert decoded.text == text
    assert decoded.encoding is Encoding.UNICODE
    assert not is_legacy(text)


def test_nfd_input_comes_back_nfc() -> None:
    assert to_unicode(unicodedata.normalize("NFD", "Nguyễn")).text == "Nguyễn"


@pytest.mark.parametrize(
    "garbled",
    [
        "Trêng",  # TCVN3 "Tr\xadêng" (Trường) that lost its soft hyphen: refused, not "treng"
        "Lª Tr\u00eang",
    ],
)
def test_unsound_text_is_refused(garbled: str) -> None:
    with pytest.raises(LegacyEncodingError) as info:
        to_unicode(garbled)
    assert info.value.text == garbled
    assert is_legacy(garbled)


def test_bytes_utf8_and_latin1() -> None:
    assert decode_bytes("Nguyễn Văn Thông".encode()).text == "Nguyễn Văn Thông"
    assert decode_bytes(bytes([0x4E, 0x67, 0x75, 0x79, 0xD4, 0x6E])).text == "Nguyễn"


def test_tcvn3_table_agrees_with_glibc_lowercase_block() -> None:
    # spot checks against glibc's TCVN5712-1 converter (iconv), one per vowel row
    assert [
        TCVN3[chr(b)] for b in (0xB5, 0xBE, 0xCA, 0xD0, 0xD5, 0xDD, 0xE3, 0xE8, 0xED, 0xF3, 0xF8, 0xFD)
    ] == list("àắấéếíóốớúứý")


def test_syllable_check() -> None:
    for good in ("nguyễn", "thông", "trường", "khương", "gì", "quốc", "việt", "hoà", "hòa"):
        assert is_syllable(good), good
    for bad in ("trêng", "nguyôn", "thàc", "aé", "hhh1"):
        assert not is_syllable(bad), bad


# --- properties: never a wrong reading --------------------------------------------------------
SYLLABLES = _words(
    """
    nguyễn trần lê phạm hoàng huỳnh đặng bùi đỗ hồ ngô dương lý văn thị thanh bình thông nam vân
    trường khương hương thủy tuấn dũng đức hữu ngọc quốc phượng yến quỳnh tiến xuân tú hoà nghĩa
    giang khánh phúc thắng lực chiến duyên mỹ ánh
    """
)
_TCVN3_INV = {v: k for k, v in TCVN3.items()}
_VNI_INV = {v: k for k, v in VNI.items() if len(v) == 1}


def _tcvn3(text: str) -> str:
    return "".join(_TCVN3_INV.get(ch, _TCVN3_INV.get(ch.lower(), ch)) for ch in text)


def _vni(text: str) -> str:
    return "".join(_VNI_INV.get(ch, ch) for ch in text)


names = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=5).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)


@settings(max_examples=150)
@given(names)
def test_unicode_names_never_change(name: str) -> None:
    assert to_unicode(name).text == name


# A legacy text whose characters are all Vietnamese letters of Latin-1 and that reads as sound
# Unicode (VNI "Thò" for Thị, TCVN3 "Tó" for Tú) cannot be told from Unicode: it is read as
# Unicode, documented in the module; every other legacy text converts back exactly or is refused.
_LATIN1_LETTERS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")


def _check_round_trip(name: str, encoded: str, *, exact_case: bool) -> None:
    try:
        decoded = to_unicode(encoded)
    except LegacyEncodingError:
        return
    if decoded.encoding is Encoding.UNICODE:
        assert decoded.text == encoded
        assert all(ch.isascii() or ch in _LATIN1_LETTERS for ch in encoded)
        return
    assert (decoded.text if exact_case else decoded.text.lower()) == (name if exact_case else name.lower())


@settings(max_examples=150)
@given(names)
def test_tcvn3_names_convert_back_or_are_refused(name: str) -> None:
    _check_round_trip(name, _tcvn3(name), exact_case=False)  # VN3 has no toned capitals


@settings(max_examples=150)
@given(names)
def test_vni_names_convert_back_or_are_refused(name: str) -> None:
    _check_round_trip(name, _vni(name), exact_case=True)


def test_a_full_vni_name_resolves_the_ambiguous_word() -> None:
    assert to_unicode("Nguyeãn Thò Hoa").text == "Nguyễn Thị Hoa"


@pytest.mark.parametrize("mixed", ["Nguyễn Hµ", "Trần V¨n", "Hồng Nguyeãn", "Đoàn Tröôøng"])
def test_unicode_mixed_with_legacy_text_is_refused(mixed: str) -> None:
    with pytest.raises(LegacyEncodingError):
        to_unicode(mixed)
