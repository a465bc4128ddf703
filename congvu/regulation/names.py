"""Vietnamese person names: họ, tên đệm, tên as separate fields, and a best-guess split.

RULES.md §2 ("Engines must: take họ, tên đệm and tên as separate fields (a full name only as
a split the operator confirms)") and READINGS.md A.12: which word is the family name cannot be
read off word positions. Kinh names put the family name first and the given name last
(Nguyễn Thanh Bình); a name may have no middle name (Nguyễn Trãi); some family names have two
words (Tôn Thất, Âu Dương); Ê Đê, Jarai and other highland names put the family name last
(H'Hen Niê, Y Moan Niê Kdăm); Khmer given names may have several syllables (Thạch Sô Phết);
northern minority names follow the Kinh order (Cầm Thị Duyên, Lò Văn Minh, Giàng A Páo).

`PersonName` holds the confirmed fields; `guess_split` proposes one from a full name, with
alternatives and notes that say why the operator must look (never a silent guess). Input is
cleaned (NFC, stray spaces, capitalisation) and legacy TCVN3/VNI text is converted or
refused by `congvu.regulation.legacy_encoding`. Pure code, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from congvu.domain.errors import CongvuError
from congvu.domain.folding import fold
from congvu.domain.rules import Violation
from congvu.i18n import register
from congvu.regulation.legacy_encoding import Encoding, to_unicode


def _split(text: str) -> tuple[str, ...]:
    """Words of a multi-line table literal."""
    return tuple(text.split())


RULE = "RULES-2"  # RULES.md §2, "Engines must: take họ, tên đệm and tên as separate fields"
READING = "A.12"

register(
    {
        "names.no_middle": (
            "Tên không có tên đệm: họ «{family}», tên «{given}».",
            "The name has no middle name: family «{family}», given «{given}».",
        ),
        "names.single_word": (
            "Tên chỉ có một từ «{given}»: xem như tên, không có họ; cần xác nhận.",
            "One-word name «{given}»: taken as the given name with no family name; please confirm.",
        ),
        "names.compound_family": (
            "Họ kép «{family}»; cũng có thể họ chỉ là «{alternative}».",
            "Two-word family name «{family}»; it may also be «{alternative}» alone.",
        ),
        "names.family_last": (
            "Tên đồng bào Tây Nguyên, họ đứng sau: họ «{family}», tên «{given}».",
            "Highland name with the family name last: family «{family}», given «{given}».",
        ),
        "names.long_given": (
            "Tên Khmer nhiều âm tiết: tên «{given}»; cũng có thể tên chỉ là «{alternative}».",
            "Khmer given name of several syllables: «{given}»; it may also be «{alternative}» alone.",
        ),
        "names.long_name": (
            "Tên dài {count} từ; cần xác nhận họ, tên đệm và tên.",
            "Long name of {count} words; please confirm family, middle and given names.",
        ),
        "names.unknown_family": (
            "«{family}» không có trong danh sách họ đã biết; cần xác nhận.",
            "«{family}» is not a known family name; please confirm.",
        ),
        "names.legacy_converted": (
            "Văn bản mã {encoding} đã được chuyển sang Unicode: «{text}».",
            "Text in the {encoding} encoding was converted to Unicode: «{text}».",
        ),
        "names.cleaned": (
            "Đã chuẩn hóa khoảng trắng và chữ hoa: «{text}».",
            "Spaces and capitals were normalised: «{text}».",
        ),
    }
)


class InvalidName(CongvuError, ValueError):
    """A name part is empty where it must not be, or holds characters no name has."""


# --- word lists (folded) ----------------------------------------------------------------------
KINH_FAMILIES = frozenset(
    _split(
        """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan lam mai
    trinh truong to ta ha cao luu luong chau chu dao dam kieu lai la mac quach tang thai than
    ton trieu van vuong khong khuc giang hua au phung nghiem doan dong kim thach son danh tram
    kha chau cam lo lu lo luong quang tong vi sam giang mua thao vang sung lau ho sung cu trang
    phan ban luc nong be ma loc linh lanh ninh diep tieu hong ong banh bach lien yen khuat mach
    ung thieu cu tong hau lang quan nham mong ngu ha thieu tran nhu dau dau man mau neang kien
    tram ksor rmah siu nay kpa rcom puih
    """
    )
)
# two-word (or longer) family names, folded
COMPOUND_FAMILIES = (
    ("cong", "tang", "ton", "nu"),
    ("ton", "that"),
    ("ton", "nu"),
    ("nguyen", "phuc"),
    ("nguyen", "phuoc"),
    ("au", "duong"),
    ("tu", "ma"),
    ("gia", "cat"),
    ("hoang", "phu"),
    ("thuong", "quan"),
    ("ro", "cham"),
    ("ro", "mah"),
)
# Ê Đê family names, written last (H'Hen Niê, Y Ngông Niê Kdăm), folded, longest first.
# Jarai family names (Ksor, Rmah, Siu, Nay, Kpă, Rơ Châm) come first, like Kinh ones.
HIGHLAND_FAMILIES = (
    ("nie", "kdam"),
    ("buon", "ya"),
    ("nie",),
    ("mlo",),
    ("eban",),
    ("ayun",),
    ("adrong",),
    ("bya",),
    ("hwing",),
    ("ktul",),
    ("kbuor",),
    ("bkrong",),
    ("knul",),
    ("hdok",),
    ("enuol",),
)
# Khmer family names whose bearers often have given names of several syllables
KHMER_FAMILIES = frozenset(("thach", "danh", "chau", "neang", "kien"))
# family names Khmer and Kinh people share: a long given name only when no word of it is Kinh-like
SHARED_KHMER_FAMILIES = frozenset(("son", "lam", "kim", "ly", "trieu", "tram"))
# syllables common in Kinh middle and given names: a word outside it hints at a Khmer given name
COMMON_SYLLABLES = frozenset(
    _split(
        """
    van thi ngoc thanh minh huu duc quoc cong xuan thu kim hoang bao gia tuan anh hong trung hai
    hoa hoai huong lan linh mai my nam phuong quang son thao thuy trang tu vu yen binh chi dung
    ha hanh hien hieu hung khanh khoa lam long loan luan nga nhung phong phuc quy tam tan thang
    thinh tho thong tien toan tri trinh truc tuyet uyen viet vinh xuan an bich cuong dat diep
    dong giang hau hoan huy kieu ly nhan nhu phat phu sang tai thien thuan tin tuan tung vy y
    dieu ngan nguyet hang thu thuong tuyen quyen lien dao ky le loc luong my nghia ngoc nhat
    oanh quan sinh son tham the thoa thuc tra trong tuong van vien vuong bay ba hai hue khai kha
    lai man na nguyen ninh phi phuoc quyet
    """
    )
)


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A name word folded to ``[a-z0-9]``: diacritics, đ, apostrophes and hyphens gone."""
    return "".join(ch for ch in fold(word) if ch.isascii() and ch.isalnum())


@lru_cache(maxsize=65536)
def _full(family: str, middle: str, given: str, family_last: bool) -> str:
    parts = (middle, given, family) if family_last else (family, middle, given)
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=65536)
def _initials(family: str, middle: str) -> str:
    return "".join(name_key(w)[:1] for w in f"{family} {middle}".split())


@lru_cache(maxsize=65536)
def _joined_key(text: str) -> str:
    return "".join(name_key(w) for w in text.split())


def _capitalise(word: str) -> str:
    """``nguyễn`` → ``Nguyễn``, ``h'hen`` → ``H'Hen``, ``kđăm`` → ``Kđăm``."""
    parts = re.split(r"(['’\-])", word.lower())
    return "".join(p[:1].upper() + p[1:] if p not in ("'", "’", "-") else p for p in parts)


_ALLOWED = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*'?$")


@lru_cache(maxsize=65536)
def clean_part(text: str, *, capitalise: bool = True) -> str:
    """One name field in canonical form: NFC, single spaces, each word capitalised."""
    nfc = unicodedata.normalize("NFC", text)
    nfc = re.sub(r"\s*(['’])\s*", r"\1", nfc)  # "H' Hen" -> "H'Hen"
    tokens = nfc.split()
    for token in tokens:
        if not _ALLOWED.match(token):
            raise InvalidName(f"not a name word: {token!r}")
        if not all((c.isascii() and c.isalpha()) or c in "'’-" for c in fold(token)):
            # ø, ß, µ, CJK…: no Latin form, so folding would drop them and give a wrong address
            raise InvalidName(f"{token!r} has letters with no Vietnamese/Latin form")
    if capitalise:
        tokens = [_capitalise(t) for t in tokens]
    return " ".join(tokens)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as confirmed fields (GLOSSARY: family name, middle names, given name).

    `family` and `middle` may be empty (a one-word name; a name with no tên đệm); `given`
    may not. `family_last` records the highland order (H'Hen Niê) for display only: the
    engines use the fields, never the order. Fields are cleaned on construction, so two
    spellings that differ only in spaces, case or normal form give equal objects. Raises
    `InvalidName` (no given name, digits or symbols, letters with no Latin form, a legacy
    encoding that converts: the message shows the Unicode form) or `LegacyEncodingError`.
    """

    family: str
    middle: str
    given: str
    family_last: bool = False

    def __post_init__(self) -> None:
        # the three fields are read together, so one unsound word reveals a legacy encoding
        decoded = to_unicode(f"{self.family} {self.middle} {self.given}")
        if decoded.encoding is not Encoding.UNICODE:
            raise InvalidName(f"the name is in the {decoded.encoding.value} encoding: {decoded.text!r}")
        for name in ("family", "middle", "given"):
            object.__setattr__(self, name, clean_part(getattr(self, name)))
        if not self.given:
            raise InvalidName("the given name (tên) is required")

    @property
    def full(self) -> str:
        """The name as written: ``Nguyễn Thanh Bình``; ``H'Hen Niê`` when the family comes last."""
        return _full(self.family, self.middle, self.given, self.family_last)

    def initials(self) -> str:
        """Folded first letters of the family and middle names: ``nt`` for Nguyễn Thanh Bình."""
        return _initials(self.family, self.middle)

    def given_key(self) -> str:
        """The given name folded and joined: ``binh``; ``sophet`` for Sô Phết."""
        return _joined_key(self.given)

    def parts_folded(self) -> tuple[str, ...]:
        """Every folded word of the three fields (for password checks, QN20-8)."""
        return tuple(name_key(w) for w in self.full.split())


@dataclass(frozen=True, slots=True)
class NameSplit:
    """A proposed split and why it is only a guess; the operator confirms (RULES.md §2)."""

    source: str
    name: PersonName
    alternatives: tuple[PersonName, ...]
    notes: tuple[Violation, ...]
    confident: bool


def _note(key: str, **params: object) -> Violation:
    return Violation.of(RULE, key, reading=READING, **params)


def _join(tokens: list[str]) -> str:
    return " ".join(tokens)


def _kinh(tokens: list[str], family_len: int = 1) -> PersonName:
    return PersonName(_join(tokens[:family_len]), _join(tokens[family_len:-1]), tokens[-1])


def guess_split(full_name: str) -> NameSplit:
    """Best-guess split of a full name; raises `InvalidName` or `LegacyEncodingError`."""
    decoded = to_unicode(full_name)
    notes: list[Violation] = []
    if decoded.converted:
        notes.append(_note("names.legacy_converted", encoding=decoded.encoding.value, text=decoded.text))
    cleaned = clean_part(decoded.text)
    if not cleaned:
        raise InvalidName("empty name")
    if cleaned != unicodedata.normalize("NFC", decoded.text) and not decoded.converted:
        notes.append(_note("names.cleaned", text=cleaned))
    tokens = cleaned.split()
    keys = [name_key(t) for t in tokens]
    alternatives: list[PersonName] = []
    confident = not decoded.converted

    if len(tokens) == 1:
        name = PersonName("", "", tokens[0])
        notes.append(_note("names.single_word", given=tokens[0]))
        return NameSplit(cleaned, name, (), tuple(notes), False)

    highland = _highland_family(keys)
    if highland and keys[0] not in KINH_FAMILIES:
        before = tokens[:-highland]
        family = _join(tokens[-highland:])
        if before:
            highland_name = PersonName(family, _join(before[:-1]), before[-1], family_last=True)
            notes.append(_note("names.family_last", family=family, given=highland_name.given))
            alternatives.append(_kinh(tokens))
            return NameSplit(cleaned, highland_name, tuple(alternatives), tuple(notes), False)

    compound = _compound_family(keys)
    if compound and len(tokens) > compound:
        name = _kinh(tokens, compound)
        notes.append(_note("names.compound_family", family=name.family, alternative=tokens[0]))
        alternatives.append(_kinh(tokens))
        return NameSplit(cleaned, name, tuple(alternatives), tuple(notes), False)

    name = _kinh(tokens)
    if (keys[0] in KHMER_FAMILIES or keys[0] in SHARED_KHMER_FAMILIES) and len(tokens) >= 3:
        rest = 2 if keys[1] in ("thi", "van") else 1
        given_tokens = tokens[rest:]
        uncommon = [k not in COMMON_SYLLABLES for k in keys[rest:]]
        khmer_like = all(uncommon) if keys[0] in SHARED_KHMER_FAMILIES else any(uncommon)
        if len(given_tokens) >= 2 and khmer_like:
            khmer = PersonName(tokens[0], _join(tokens[1:rest]), _join(given_tokens))
            notes.append(_note("names.long_given", given=khmer.given, alternative=tokens[-1]))
            return NameSplit(cleaned, khmer, (name,), tuple(notes), False)
    if keys[0] not in KINH_FAMILIES:
        notes.append(_note("names.unknown_family", family=tokens[0]))
        if tokens[0].startswith("H'") or tokens[0] == "Y":
            alternatives.append(PersonName(tokens[-1], _join(tokens[:-2]), tokens[-2], family_last=True))
        confident = False
    if len(tokens) == 2:
        notes.append(_note("names.no_middle", family=tokens[0], given=tokens[1]))
    if len(tokens) >= 6:
        notes.append(_note("names.long_name", count=len(tokens)))
        confident = False
    return NameSplit(cleaned, name, tuple(alternatives), tuple(notes), confident)


def _highland_family(keys: list[str]) -> int:
    for family in HIGHLAND_FAMILIES:
        n = len(family)
        if len(keys) > n and tuple(keys[-n:]) == family:
            return n
    return 0


def _compound_family(keys: list[str]) -> int:
    for family in COMPOUND_FAMILIES:
        n = len(family)
        if tuple(keys[:n]) == family:
            return n
    return 0
