"""Vietnamese text folding, shared by naming, passwords, search and the directory.

Two keys are needed (DESIGN.md, issue 9 item 5, issue 10 item 2):

* `fold` drops every diacritic, maps đ/Đ to d and lower-cases, so ``Thông báo`` and
  ``thong bao`` meet, and so do NFC and NFD input. Used for clash checks (RULES.md §2:
  "comparing folded forms") and for the full-text index.
* `tone_key` keeps the vowel marks (â, ă, ê, ô, ơ, ư) and the tone, but moves each
  syllable's tone mark to its end, so the old and new tone placements (``hoà``/``hòa``,
  ``Thuý``/``Thúy``) give one key while ``khan`` and ``khẩn`` stay apart. Used to keep only
  exact-word hits when a search query carries diacritics.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks of the five Vietnamese tones: grave, acute, hook above, tilde, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case ASCII-ish form without diacritics: ``Đăng Thông báo`` → ``dang thong bao``.

    Runs on every message at ingest (search text), so it takes a fast path: once decomposed,
    Vietnamese is ASCII plus combining marks U+0300–U+033F, the only characters whose UTF-8
    starts with 0xCC (two bytes each). When they account for every non-ASCII byte, dropping the
    non-ASCII bytes is exactly the slow per-character loop, 8–10× faster.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    utf8 = decomposed.encode("utf-8", "surrogatepass")
    ascii_only = decomposed.encode("ascii", "ignore")
    if len(utf8) - len(ascii_only) == 2 * utf8.count(b"\xcc"):
        return ascii_only.lower().decode("ascii")
    return _fold_any(text)


def _fold_any(text: str) -> str:
    """The general form of `fold`, for text beyond Vietnamese (other scripts, Ð, ligatures)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def tone_key(word: str) -> str:
    """Key of one word that ignores where the tone mark sits but not which tone or vowel it is."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    rest = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", rest) + tones


def words(text: str) -> list[str]:
    """The words of a text in NFC (Unicode ``\\w`` runs), for tokenising names and search text."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def has_diacritics(text: str) -> bool:
    """True when folding would change the text beyond case (the user typed Vietnamese marks)."""
    return fold(text) != unicodedata.normalize("NFC", text).lower()
