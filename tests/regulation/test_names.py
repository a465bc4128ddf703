"""Person names: separate fields and the best-guess split (RULES.md §2, READINGS.md A.12)."""

from __future__ import annotations

import unicodedata

import pytest

from congvu.i18n import known
from congvu.regulation.legacy_encoding import LegacyEncodingError
from congvu.regulation.names import InvalidName, PersonName, guess_split


def _fields(name: PersonName) -> tuple[str, str, str]:
    return name.family, name.middle, name.given


def test_kinh_name_family_first_given_last() -> None:
    split = guess_split("Nguyễn Thanh Bình")
    assert _fields(split.name) == ("Nguyễn", "Thanh", "Bình")
    assert split.confident
    assert split.notes == ()


def test_no_middle_name_nguyen_trai() -> None:
    split = guess_split("Nguyễn Trãi")
    assert _fields(split.name) == ("Nguyễn", "", "Trãi")
    assert [n.key for n in split.notes] == ["names.no_middle"]
    assert split.confident


def test_stray_spaces_and_capitals_are_cleaned() -> None:
    split = guess_split("  nguyễn   THỊ  thanh   vân ")
    assert split.name.full == "Nguyễn Thị Thanh Vân"
    assert "names.cleaned" in [n.key for n in split.notes]


def test_nfd_and_old_tone_placement_give_the_same_keys() -> None:
    nfd = PersonName(*(unicodedata.normalize("NFD", p) for p in ("Nguyễn", "Thị", "Hoà")))
    nfc = PersonName("Nguyễn", "Thị", "Hòa")
    assert nfd.given_key() == nfc.given_key() == "hoa"
    assert nfd.initials() == "nt"
    assert nfd.family == "Nguyễn"  # stored in NFC


def test_ede_name_family_last() -> None:
    split = guess_split("H'Hen Niê")
    assert _fields(split.name) == ("Niê", "", "H'Hen")
    assert split.name.family_last
    assert split.name.full == "H'Hen Niê"
    assert not split.confident
    assert _fields(split.alternatives[0]) == ("H'Hen", "", "Niê")


def test_ede_two_word_family_last() -> None:
    split = guess_split("Y Ngông Niê Kdăm")
    assert _fields(split.name) == ("Niê Kdăm", "Y", "Ngông")
    assert split.name.full == "Y Ngông Niê Kdăm"


@pytest.mark.parametrize(
    ("full", "family"),
    [("Tôn Thất Thuyết", "Tôn Thất"), ("Âu Dương Lân", "Âu Dương"), ("Hoàng Phủ Ngọc Tường", "Hoàng Phủ")],
)
def test_compound_family_names(full: str, family: str) -> None:
    split = guess_split(full)
    assert split.name.family == family
    assert not split.confident
    assert split.alternatives[0].family == full.split()[0]


def test_long_khmer_given_name() -> None:
    split = guess_split("Sơn Thị Sa Ráth")
    assert _fields(split.name) == ("Sơn", "Thị", "Sa Ráth")
    assert split.name.given_key() == "sarath"
    assert _fields(split.alternatives[0]) == ("Sơn", "Thị Sa", "Ráth")


def test_khmer_family_with_kinh_given_name_stays_kinh() -> None:
    assert _fields(guess_split("Lâm Văn Hùng").name) == ("Lâm", "Văn", "Hùng")
    assert _fields(guess_split("Sơn Ngọc Thành").name) == ("Sơn", "Ngọc", "Thành")


@pytest.mark.parametrize(
    ("full", "fields"),
    [
        ("Cầm Thị Duyên", ("Cầm", "Thị", "Duyên")),
        ("Lò Văn Minh", ("Lò", "Văn", "Minh")),
        ("Giàng A Páo", ("Giàng", "A", "Páo")),
        ("Ksor Phước", ("Ksor", "", "Phước")),
    ],
)
def test_minority_names_in_family_first_order(full: str, fields: tuple[str, str, str]) -> None:
    assert _fields(guess_split(full).name) == fields


def test_one_word_name() -> None:
    split = guess_split("Páo")
    assert _fields(split.name) == ("", "", "Páo")
    assert not split.confident


def test_very_long_name_needs_confirmation() -> None:
    split = guess_split("Nguyễn Thị Tú Vân Anh Thư Hồng")
    assert split.name.given == "Hồng"
    assert not split.confident
    assert "names.long_name" in [n.key for n in split.notes]


def test_legacy_tcvn3_full_name_is_converted_and_flagged() -> None:
    split = guess_split("NguyÔn V¨n Th«ng")
    assert split.name.full == "Nguyễn Văn Thông"
    assert not split.confident
    assert split.notes[0].key == "names.legacy_converted"
    assert split.notes[0].params["encoding"] == "tcvn3"


def test_legacy_field_is_refused_by_person_name() -> None:
    with pytest.raises(InvalidName, match="tcvn3"):
        PersonName("NguyÔn", "V¨n", "Th«ng")


def test_garbled_name_is_refused() -> None:
    with pytest.raises(LegacyEncodingError):
        guess_split("Lª Tr\u00eang")


@pytest.mark.parametrize("bad", ["", "   ", "Nguyễn Văn 2", "Lê @Tám", "Lê <b>Tám</b>"])
def test_invalid_names(bad: str) -> None:
    # InvalidName, or LegacyEncodingError when the stray symbols look like an 8-bit encoding
    with pytest.raises((InvalidName, LegacyEncodingError)):
        guess_split(bad)


def test_given_name_is_required() -> None:
    with pytest.raises(InvalidName):
        PersonName("Nguyễn", "Văn", " ")


def test_fields_are_canonical() -> None:
    assert PersonName(" nguyễn ", "thị  thanh", "VÂN") == PersonName("Nguyễn", "Thị Thanh", "Vân")
    assert PersonName("Nguyễn", "Thị Thanh", "Vân").parts_folded() == ("nguyen", "thi", "thanh", "van")


def test_every_note_key_is_registered() -> None:
    for full in (
        "Nguyễn Trãi",
        "H'Hen Niê",
        "Tôn Thất Thuyết",
        "Thạch Sô Phết",
        "Páo",
        "NguyÔn V¨n Th«ng",
        "Nguyễn Thị Tú Vân Anh Thư Hồng",
        " nguyễn  an",
        "Abc Def",
    ):
        for note in guess_split(full).notes:
            assert known(note.key), note.key
            assert note.params["reading"] == "A.12"


def test_vni_fields_are_read_together() -> None:
    # "Thò" alone is sound Unicode; beside "Nguyeãn" it is VNI for "Thị"
    with pytest.raises(InvalidName, match="vni"):
        PersonName("Nguyeãn", "Thò", "Hoa")


@pytest.mark.parametrize("word", ["Bjørn", "Straße", "李", "Hµ"])
def test_letters_without_a_latin_form_are_refused(word: str) -> None:
    with pytest.raises((InvalidName, LegacyEncodingError)):
        PersonName("Nguyễn", "", word)
