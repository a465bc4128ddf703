"""Refusals rendered at the edge: a `Violation` becomes each protocol's reply, Vietnamese and English.

DESIGN.md "Refusals are rendered at the edge": the same refusal cites the same rule ID
everywhere. SMTP (RFC 5321 §4.2) and IMAP resp-text (RFC 9051 §9, ``TEXT-CHAR``) are 7-bit,
so the Vietnamese text is sent without diacritics (``Vượt hạn mức`` → ``Vuot han muc``),
followed by the English text and the rule in brackets::

    550 5.7.1 Hop thu da day / Mailbox is full [QN20-9]
    a1 NO [LIMIT] Hop thu da day / Mailbox is full [QN20-9]

Web pages (UTF-8) use `text` with full diacritics in the reader's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from congvu.domain.rules import Violation
from congvu.i18n import Lang, translate

_D = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_text(text: str) -> str:
    """Drop diacritics and anything outside printable ASCII (keeps case, unlike `folding.fold`)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if " " <= ch <= "~" else "?" for ch in kept)


def text(violation: Violation, lang: Lang = "vi") -> str:
    """The message of a violation in one language, with its rule: ``Hộp thư đã đầy [QN20-9]``."""
    return f"{translate(violation.key, lang, **violation.params)} [{violation.rule}]"


def bilingual_ascii(violation: Violation) -> str:
    vi = translate(violation.key, "vi", **violation.params)
    en = translate(violation.key, "en", **violation.params)
    body = ascii_text(vi) if vi == en else f"{ascii_text(vi)} / {ascii_text(en)}"
    return f"{body} [{violation.rule}]"


def smtp(violations: Sequence[Violation], *, code: int = 550, enhanced: str = "5.7.1") -> str:
    """One SMTP reply (multi-line when several rules applied), without the final CRLF."""
    if not violations:
        raise ValueError("smtp() needs at least one violation")
    lines = [bilingual_ascii(v) for v in violations]
    out = [f"{code}-{enhanced} {line}" for line in lines[:-1]]
    out.append(f"{code} {enhanced} {lines[-1]}")
    return "\r\n".join(out)


def imap(violations: Sequence[Violation], *, code: str = "LIMIT") -> str:
    """The resp-text of an IMAP ``NO`` (RFC 9051 §7.1 response code), without tag and ``NO``."""
    if not violations:
        raise ValueError("imap() needs at least one violation")
    return f"[{code}] " + "; ".join(bilingual_ascii(v) for v in violations)
