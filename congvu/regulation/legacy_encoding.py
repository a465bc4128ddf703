"""Legacy Vietnamese encodings (TCVN3/ABC, VNI): detect them, convert to Unicode or refuse.

Names reach the naming engines from old spreadsheets and Word files typed with the 8-bit
fonts of the 1990s and 2000s (.VnTime = TCVN 5712:1993 "VN3", VNI-Times). Read as Latin-1
they look like ``NguyÔn V¨n Th«ng`` (TCVN3) or ``Nguyeãn Vaên Thoâng`` (VNI). RULES.md §2
asks addresses from the name without diacritics; ST14-5.2, ST17-6.2, TG09-3.3 and SL25-3.3
ask Unicode (TCVN 6909:2001). Folding such text would give ``nguyonvthong``: a wrong address.

So `to_unicode` reads a text three ways (as Unicode, as TCVN3, as VNI) and keeps a reading
only when every word it yields is a well-formed Vietnamese syllable (onset + rime, at most one
tone, stop finals only with the sắc or nặng tone). Unicode wins when its reading is sound; a
legacy reading is taken only when it is the one sound reading; two sound legacy readings, or
legacy symbols with no sound reading, raise `LegacyEncodingError`: a clear refusal rather
than a guess, so this module never yields a wrong address.

One case cannot be decided from the text: legacy bytes that happen to spell sound Unicode
Vietnamese with Latin-1 letters only (VNI ``Thò`` for Thị, TCVN3 ``Tó`` for Tú). They are read
as Unicode, the likelier source today. `congvu.regulation.names` reads a name's fields
together, so one other word in the name (``Nguyeãn``) settles it, and the operator confirms
every split.

The tables are written out here from the encodings' definitions (the TCVN3 lowercase
block matches glibc's TCVN5712-1 converter; VN3 has no toned capitals: the "H" fonts draw
the lowercase codes as capitals). No I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from congvu.domain.errors import CongvuError


def _split(text: str) -> tuple[str, ...]:
    """Words of a multi-line table literal."""
    return tuple(text.split())


class Encoding(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A text in NFC Unicode and the encoding it was read as (`converted` when not Unicode)."""

    text: str
    encoding: Encoding

    @property
    def converted(self) -> bool:
        return self.encoding is not Encoding.UNICODE


class LegacyEncodingError(CongvuError, ValueError):
    """The text looks like a legacy encoding but cannot be converted with certainty."""

    def __init__(self, text: str, readings: tuple[tuple[Encoding, str], ...]) -> None:
        shown = "; ".join(f"{enc.value}: {value}" for enc, value in readings) or "none"
        super().__init__(
            f"legacy-encoded or garbled text, no certain reading: {text!r} (sound readings: {shown})"
        )
        self.text = text
        self.readings = readings


# --- TCVN3 (TCVN 5712:1993 VN3), byte value -> letter --------------------------------------
_TCVN3_LOWER = (
    # base letters with vowel marks, capitals then lowercase
    "\xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ \xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ "
    # a: grave hook tilde acute dot
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ "
    "\xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ "
    "\xc7ầ \xc8ẩ \xc9ẫ \xcaấ \xcbậ "
    "\xccè \xceẻ \xcfẽ \xd0é \xd1ẹ "
    "\xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ "
    "\xd7ì \xd8ỉ \xdcĩ \xddí \xdeị "
    "\xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ "
    "\xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ "
    "\xeaờ \xebở \xecỡ \xedớ \xeeợ "
    "\xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ "
    "\xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự "
    "\xfaỳ \xfbỷ \xfcỹ \xfdý \xfeỵ"
)
TCVN3: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_LOWER.split()}

# --- VNI (VNI-Windows): a base letter followed by a mark byte -------------------------------
# tone marks after a plain vowel: sắc huyền hỏi ngã nặng
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# the circumflex (â ê ô) combined with each tone, and the breve (ă) combined with each tone
_VNI_CIRC_TONE = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# i and ỵ are single bytes in VNI
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ", "ơ": "ô", "ư": "ö"}
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vni_table() -> dict[str, str]:
    """VNI byte sequence -> Unicode letter, for every Vietnamese letter, both cases."""
    table: dict[str, str] = {}

    def add(sequence: str, letter: str) -> None:
        letter = unicodedata.normalize("NFC", letter)
        table[sequence] = letter
        table[sequence.upper()] = letter.upper()

    for letter, seq in _VNI_SINGLE.items():
        add(seq, letter)
    for tone in _TONES[1:]:
        for base in "aeouy":
            add(base + _VNI_TONE[tone], base + tone)
        for horn, seq in (("ơ", "ô"), ("ư", "ö")):
            add(seq + _VNI_TONE[tone], horn + tone)
    for tone in _TONES:
        for base, circ in (("a", "â"), ("e", "ê"), ("o", "ô")):
            add(base + _VNI_CIRC_TONE[tone], circ + tone)
        add("a" + _VNI_BREVE_TONE[tone], "ă" + tone)
    return table


VNI: dict[str, str] = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))

# Vietnamese letters that exist in Latin-1: a Unicode text made only of these is ambiguous.
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")

# Characters that are legacy letter codes but no Vietnamese letter (µ = TCVN3 à, ø = VNI grave…):
# beside real Unicode Vietnamese they mean a text pasted together from two encodings.
_LEGACY_SYMBOLS = frozenset(
    ch for ch in set(TCVN3) | {c for seq in VNI for c in seq} if not ch.isascii() and ch not in _VIET_LATIN1
)

# --- syllable check --------------------------------------------------------------------------
_ONSETS = (*_split("ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x"), "")
_RIMES = frozenset(
    _split(
        """
    a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây e eo ec
    em en eng ep et ê êu êch êm ên ênh êp êt i ia iu ich im in inh ip it iêc iêm iên iêng iêp
    iêt iêu o oa oai oao oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt oe oeo oen
    oet oc oi om on ong op ot ooc oong ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua uân uât
    uâng uây uê uêch uênh uy uya uych uyn uynh uyp uyt uyu uyên uyêt ui uc um un ung up ut uôc
    uôi uôm uôn uông uôt uơ ư ưa ưi ưu ưc ưng ưm ưn ưt ươc ươi ươm ươn ương ươp ươt ươu y yêm
    yên yêng yêt yêu
    """
    )
)
_STOP_TONES = frozenset(("", "\u0301", "\u0323"))
_TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")
_WORD_SPLIT = re.compile(r"[\s\-'’.,;]+")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for one well-formed Vietnamese syllable (any case; ASCII words always pass)."""
    if word.isascii():
        return word.isalpha()
    return _kinh_syllable(word)


@lru_cache(maxsize=65536)
def _kinh_syllable(word: str) -> bool:
    """Onset + rime of Kinh Vietnamese, at most one tone, stop finals only with sắc or nặng."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    tone = tones[0] if tones else ""
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rime = base[len(onset) :]
        if onset == "gi" and rime == "":
            rime = "i"
        if rime in _RIMES:
            if rime.endswith(("c", "ch", "p", "t")) and tone not in _STOP_TONES:
                continue
            return True
    return False


# Highland and northern minority names (Niê, Mlô, Êban) keep open iê/uô/ươ and onset clusters.
# Khmer and highland codas h, k, l, r, s, th (Ráth, Rmah) after a single vowel; never the Kinh
# codas, so a TCVN3 word that lost its soft hyphen (Tr­êng -> Trêng) is still refused.
_OPEN_RIMES = frozenset(("iê", "uô", "ươ", "yê")) | frozenset(
    v + coda for v in "aăâeêioôơuưy" for coda in ("h", "k", "l", "r", "s", "th")
)
_CLUSTER = re.compile(r"[bcdđfghjklmnpqrstvwxz]+")


def _minority_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if not any(ch in "aeiouy" for ch in decomposed):
        return False
    if _kinh_syllable(word):
        return True
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    onset = _CLUSTER.match(base)
    rime = base[onset.end() :] if onset else base
    return rime in _RIMES or rime in _OPEN_RIMES


def _minority_word(word: str) -> bool:
    """A word of one or two syllables, allowing minority onset clusters and open rimes."""
    if word.isascii() or _minority_syllable(word):
        return True
    return any(_minority_syllable(word[:i]) and _minority_syllable(word[i:]) for i in range(1, len(word)))


def _sound(text: str) -> bool:
    return all(is_syllable(w) for w in _WORD_SPLIT.split(text) if w)


def _sound_minority(text: str) -> bool:
    return all(_minority_word(w) for w in _WORD_SPLIT.split(text) if w)


def _read_tcvn3(text: str) -> str | None:
    out: list[str] = []
    for word in re.split(r"(\s+)", text):
        if word.isascii():
            out.append(word)
            continue
        chars: list[str] = []
        for ch in word:
            if ch.isascii():
                chars.append(ch)
            elif ch in TCVN3:
                chars.append(TCVN3[ch])
            else:
                return None
        converted = "".join(chars)
        letters = [c for c in word if c.isascii() and c.isalpha()]
        if letters and all(c.isupper() for c in letters):  # a word typed in a .VnTimeH font
            converted = converted.upper()
        out.append(converted)
    return "".join(out)


def _read_vni(text: str) -> str | None:
    out: list[str] = []
    pos = 0
    for match in _VNI_RE.finditer(text):
        gap = text[pos : match.start()]
        if not gap.isascii():  # a Latin-1 character that is no VNI sequence
            return None
        out.append(gap)
        out.append(VNI[match.group(0)])
        pos = match.end()
    tail = text[pos:]
    if not tail.isascii():
        return None
    out.append(tail)
    return "".join(out)


def _clean_unicode(text: str) -> bool:
    """No legacy symbol, and no Latin-1-only word that makes no syllable (``Nguyeãn``)."""
    if any(ch in _LEGACY_SYMBOLS for ch in text):
        return False
    for word in _WORD_SPLIT.split(text):
        if not word.isascii() and all(ord(ch) <= 0xFF for ch in word) and not _minority_word(word):
            return False
    return True


def _fast_unicode(text: str) -> bool:
    return text.isascii() or any(ord(ch) > 0xFF for ch in text)


def to_unicode(text: str) -> Decoded:
    """The text in NFC Unicode, converting TCVN3 or VNI when that is the one sound reading.

    Raises `LegacyEncodingError` when the text uses legacy symbols and no single reading is
    sound (RULES.md §2: a wrong address is worse than a question to the operator).
    """
    nfc = unicodedata.normalize("NFC", text)
    if _fast_unicode(nfc):
        if nfc.isascii() or _clean_unicode(nfc):
            return Decoded(nfc, Encoding.UNICODE)
        raise LegacyEncodingError(text, ())  # Unicode Vietnamese mixed with legacy text
    non_ascii = {ch for ch in nfc if not ch.isascii()}
    unicode_letters = non_ascii <= _VIET_LATIN1
    if unicode_letters and _sound(nfc):
        return Decoded(nfc, Encoding.UNICODE)
    candidates: list[tuple[Encoding, str]] = []
    for encoding, reader in ((Encoding.TCVN3, _read_tcvn3), (Encoding.VNI, _read_vni)):
        reading = reader(nfc)
        if reading is not None and reading != nfc:
            candidates.append((encoding, unicodedata.normalize("NFC", reading)))
    readings = [(enc, r) for enc, r in candidates if _sound(r)]
    if len(readings) == 1:
        return Decoded(readings[0][1], readings[0][0])
    if readings:
        raise LegacyEncodingError(text, tuple(readings))
    if unicode_letters and _sound_minority(nfc):
        # Vietnamese letters in syllables of minority names: H'Hen Niê, Y Moan Êban.
        return Decoded(nfc, Encoding.UNICODE)
    # minority names typed in a legacy font (H'Hen Niª): one reading sound by the wider check
    readings = [(enc, r) for enc, r in candidates if _sound_minority(r)]
    if len(readings) == 1:
        return Decoded(readings[0][1], readings[0][0])
    raise LegacyEncodingError(text, tuple(readings))


def decode_bytes(data: bytes) -> Decoded:
    """Bytes from a file of unknown encoding: UTF-8 when valid, else the 8-bit legacy readings."""
    try:
        return to_unicode(data.decode("utf-8"))
    except UnicodeDecodeError:
        return to_unicode(data.decode("latin-1"))


def is_legacy(text: str) -> bool:
    """True when `to_unicode` would convert or refuse the text (it is not plain Unicode)."""
    try:
        return to_unicode(text).converted
    except LegacyEncodingError:
        return True
