"""Abbreviating unit names, shared by the engines (RULES.md §2, ST14-3.1, SL25-5.1).

Every regulation that abbreviates takes the first letter of each word, lower case and folded,
and its examples leave out "và" and drop hyphens (Sở Thông tin và Truyền thông → ``tttt``,
phòng Văn hóa - Xã hội → ``vhxh``). An acronym written in capitals stands for itself
(Trung tâm CNTT&TT → ``cntt`` ``tt``; "&" is "và"). A sub-unit's name often repeats its
parent (Phòng Văn hóa Thông tin huyện Mỹ Xuyên): the parent part is dropped before
abbreviating, as the ST14-3.1.b examples do. SL25-5.1.a clashes add letters: the rest of the
initial consonant cluster of the words in order (Sở Ngoại vụ → ``sngv``, reading A.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from congvu.regulation.names import name_key

_TOKEN = re.compile(r"[^\W_]+")
_NOT_COUNTED = frozenset(("và",))
CLUSTERS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu")
# "UBND", "Ủy ban nhân dân": prefixes that name the body, not the place
_COMMITTEE = (("ubnd",), ("uy", "ban", "nhan", "dan"))


@lru_cache(maxsize=4096)
def unit_words(name: str) -> tuple[str, ...]:
    """The counted words of a unit name as written: no "và", no "&", no hyphens."""
    return tuple(w for w in _TOKEN.findall(name) if w.lower() not in _NOT_COUNTED)


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def initial(word: str) -> str:
    """``Thông`` → ``t``; ``Đoàn`` → ``d``; an acronym such as ``CNTT`` → ``cntt``."""
    key = name_key(word)
    return key if is_acronym(word) else key[:1]


def initials(words: Sequence[str]) -> str:
    return "".join(initial(w) for w in words)


def joined(words: Sequence[str]) -> str:
    """The words folded and joined: Chiềng Cơi → ``chiengcoi``."""
    return "".join(name_key(w) for w in words)


def folded(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(name_key(w) for w in words)


def split_type(words: Sequence[str], table: Sequence[tuple[str, str]]) -> tuple[str | None, tuple[str, ...]]:
    """Strip the longest type phrase of `table` from the front: (type word, remaining words)."""
    keys = folded(words)
    for phrase, word in table:
        parts = tuple(phrase.split())
        if len(parts) < len(keys) and keys[: len(parts)] == parts:
            return word, tuple(words[len(parts) :])
    return None, tuple(words)


def strip_committee(words: Sequence[str]) -> tuple[str, ...]:
    """Drop a leading "UBND" / "Ủy ban nhân dân"."""
    keys = folded(words)
    for prefix in _COMMITTEE:
        if keys[: len(prefix)] == prefix and len(keys) > len(prefix):
            return tuple(words[len(prefix) :])
    return tuple(words)


def strip_parent(words: Sequence[str], parent_name: str) -> tuple[str, ...]:
    """Drop a trailing mention of the parent (``… huyện Mỹ Xuyên``, ``… phường Mộc Châu``)."""
    parent = strip_committee(unit_words(parent_name))
    keys = folded(words)
    for mention in (folded(parent), folded(parent[1:])):
        n = len(mention)
        if n and n < len(keys) and keys[-n:] == mention:
            return tuple(words[:-n])
    return tuple(words)


def cluster(word: str) -> str:
    """The initial consonant cluster of a word (reading A.5): Ngoại → ``ng``; Sở → ``s``."""
    key = name_key(word)
    if is_acronym(word):
        return key
    for c in CLUSTERS:
        if key.startswith(c) and len(key) > len(c):
            return c
    return key[:1]


def extensions(words: Sequence[str]) -> Iterator[str]:
    """Longer abbreviations for a unit clash (SL25-5.1.a, reading A.5), shortest first.

    First the initial consonant clusters of the words, added one word at a time in order
    (Sở Ngoại vụ → ``sngv``); then whole words, one at a time (``sngoaiv``, ``sngoaivu``).
    """
    parts = [initial(w) for w in words]
    seen = {"".join(parts)}
    for i, w in enumerate(words):
        c = cluster(w)
        if len(c) > len(parts[i]):
            parts[i] = c
            candidate = "".join(parts)
            if candidate not in seen:
                seen.add(candidate)
                yield candidate
    for i, w in enumerate(words):
        parts[i] = name_key(w)
        candidate = "".join(parts)
        if candidate not in seen:
            seen.add(candidate)
            yield candidate
