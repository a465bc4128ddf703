"""Content rules: classified markings and recipients at public mail services.

Rules: ST14-13.3, ST17-13.4, TG09-13 (do not send classified documents), QN20-11.2, SL25-4.2.c (do
not disclose state secrets), ST14-7.8, ST17-7.6 (documents marked "Mật" are outside the
regulation); ST14-7.7, ST17-7.5, QN20-11.8 (no official work through foreign or public mail
services: Gmail, Yahoo, Hotmail…). The profile lists which rules apply and which services count.
The checks return `Decision`s; the SMTP layer decides later what to do with them.

Classified markings: the three levels of Luật Bảo vệ bí mật nhà nước are stamped ``MẬT``,
``TỐI MẬT`` and ``TUYỆT MẬT``. The word "mật" is common in prose ("bí mật", "bảo mật", "mật khẩu",
"mật độ", "mật ong"), and "toi mat" without diacritics is also "tôi mất" ("I lost"), so the
heuristic looks for a *stamp*, not the word:

1. a line of a text part (or the whole subject) that, stripped of brackets, quotes, asterisks,
   dashes and spaces, is exactly a level, in any case: with exactly the level's diacritics, or
   with none at all (``MẬT``, ``*** TỐI MẬT ***``, ``tuyet mat``; not ``Mất``);
2. a level in brackets anywhere in the subject or on a line: ``[MẬT]``, ``(Tối mật)``, ``[MAT]``;
3. the subject starting with a level followed by ``:`` or ``-`` (``MẬT: Báo cáo …``), where the
   level is upper case or carries exactly its diacritics (so ``Mất: ví`` is not one), and a bare
   ``MAT`` without diacritics does not count (``MAT-123`` is a ticket number);
4. the document field ``Độ mật: <level>`` (``Do mat: Mat``);
5. ``TỐI MẬT`` or ``TUYỆT MẬT`` in upper case with their diacritics anywhere (prose writes them in
   lower case; ``TÔI MẤT`` has other tones and does not match).

A bare ``MẬT`` inside a sentence, even upper case (``BÍ MẬT``, ``MẬT KHẨU``), is not a stamp.
Text parts are plain text; HTML tags in them are treated as line breaks, so ``<p>MẬT</p>`` is a
stamp line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from congvu.domain.folding import fold, has_diacritics
from congvu.domain.rules import Decision, Violation
from congvu.regulation.profile import Profile

LEVELS: tuple[str, ...] = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
_FOLDED = {fold(level): level for level in LEVELS}  # "tuyet mat" → "TUYỆT MẬT"
_STRIP = " \t*_-–—=~#\"'“”‘’«»<>[](){}.:!|/"
_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"[\[(]\s*([^\[\]()]{1,16}?)\s*[\])]")
_LABEL = re.compile(r"^\s*[đĐdD][ộoỘO]\s+[mM][ậaẬA][tT]\s*:(.*)$")  # "Độ mật: …" / "Do mat: …"
_LONGEST = max(len(level) for level in LEVELS)
_PREFIX = re.compile(r"^\s*(TUYỆT MẬT|TỐI MẬT|MẬT|TUYET MAT|TOI MAT|Tuyệt mật|Tối mật|Mật)\s*[:\-–—]")
# Every level contains "mat" with some form of "a": lines without it are skipped cheaply.
_CANDIDATE = re.compile(r"[mM][aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ][tT]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_UPPER_ANYWHERE = re.compile(r"(?<!\w)(TUYỆT MẬT|TỐI MẬT)(?!\w)")


@dataclass(frozen=True, slots=True)
class Marking:
    """One classified stamp found: its level (with diacritics) and where ("subject" or "text")."""

    level: str
    where: str


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _level_of(fragment: str) -> str | None:
    """The level a stamp fragment is exactly, or None.

    Written with diacritics it must carry exactly the level's (``Mất`` is not ``Mật``); written
    without any, the folded form decides (``TOI MAT``).
    """
    core = _SPACE.sub(" ", fragment.strip(_STRIP)).strip()
    if len(core) > _LONGEST:
        return None
    if has_diacritics(core):
        upper = core.upper()
        return upper if upper in LEVELS else None
    return _FOLDED.get(core.lower())


def _scan_line(line: str) -> str | None:
    level = _level_of(line)
    if level:
        return level
    for match in _BRACKETED.finditer(line):
        level = _level_of(match.group(1))
        if level:
            return level
    label = _LABEL.match(line)
    if label:
        level = _level_of(label.group(1))
        if level:
            return level
    upper = _UPPER_ANYWHERE.search(line)
    return _FOLDED[fold(upper.group(1))] if upper else None


def find_markings(subject: str, text_parts: Sequence[str]) -> list[Marking]:
    """Every classified stamp in the subject and the text parts (at most one per line)."""
    found: list[Marking] = []
    subject = _nfc(subject or "")
    level = _scan_line(subject)
    if level is None:
        prefix = _PREFIX.match(subject)
        if prefix:
            level = _FOLDED[fold(prefix.group(1))]
    if level:
        found.append(Marking(level, "subject"))
    for part in text_parts:
        text = _nfc(part or "")
        if not _CANDIDATE.search(text):
            continue
        for line in _TAG.sub("\n", text).splitlines():
            if len(line) > 200 or not _CANDIDATE.search(line):
                continue
            level = _scan_line(line)
            if level:
                found.append(Marking(level, "text"))
    return found


def check_classified(profile: Profile, subject: str, text_parts: Sequence[str]) -> Decision:
    """A violation per distinct (level, place) stamp, citing the profile's classified-content rules."""
    fig = profile.classified
    if not fig.value or not fig.rules:
        return Decision.allow()
    seen: set[tuple[str, str]] = set()
    out: list[Violation] = []
    for marking in find_markings(subject, text_parts):
        if (marking.level, marking.where) in seen:
            continue
        seen.add((marking.level, marking.where))
        for rule in fig.rules:
            out.append(
                Violation.of(rule, "content.classified_marking", level=marking.level, where=marking.where)
            )
    return Decision(tuple(out))


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").rstrip(".").lower()


def is_public_service(profile: Profile, address: str) -> bool:
    """True when the address' domain is a listed public mail service or a subdomain of one."""
    domain = domain_of(address)
    return any(domain == d or domain.endswith("." + d) for d in profile.public_mail_services.value)


def check_public_recipients(profile: Profile, recipients: Sequence[str]) -> Decision:
    """A violation per recipient at a public mail service, citing each of the profile's rules."""
    fig = profile.public_mail_services
    if not fig.value or not fig.rules:
        return Decision.allow()
    out: list[Violation] = []
    for address in recipients:
        if is_public_service(profile, address):
            out.extend(
                Violation.of(rule, "content.public_mail_recipient", address=address) for rule in fig.rules
            )
    return Decision(tuple(out))
