"""Vietnamese-aware search tokens, shared by ingest (what is indexed) and SEARCH (what is asked).

Issue 9 item 5 and DESIGN.md "Performance by design": the index holds the folded words
(`congvu.domain.folding.fold`: ``khẩn`` → ``khan``, đ → d), so ``khan`` finds ``khẩn``. Folding
merges words (``khan`` matches 24× more messages than ``khẩn``), so for every word that carries
diacritics the index also holds an **exact token**: its `tone_key` spelled in ASCII (vowel marks
and the tone as digits, ``khẩn`` → ``kha6n3``, ``hoà``/``hòa`` → ``hoa2``). A query word typed
with diacritics is matched against exact tokens only, so only that exact word is found; a word
typed without diacritics is matched as a folded word. Both kinds of token are plain ASCII
alphanumerics, so FTS5 ``unicode61`` and PostgreSQL's ``simple`` configuration treat them alike,
and no exact token can be confused with a folded word (it always holds a digit after a letter
that the folded word has as a letter).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from congvu.domain.folding import fold, has_diacritics, tone_key, words
from congvu.ports import SearchTerm

# Telex-like digits: tones s f r x j → 1 2 3 4 5; vowel marks: circumflex 6, horn 7, breve 8.
_MARKS = {
    "\u0301": "1",
    "\u0300": "2",
    "\u0309": "3",
    "\u0303": "4",
    "\u0323": "5",
    "\u0302": "6",
    "\u031b": "7",
    "\u0306": "8",
}


@lru_cache(maxsize=65536)  # Vietnamese has ~7,000 syllables: nearly every call is a hit
def exact_token(word: str) -> str:
    """ASCII spelling of `tone_key(word)`: ``Khẩn`` → ``kha6n3``; đ → ``d9``."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", tone_key(word)):
        if ch in _MARKS:
            out.append(_MARKS[ch])
        elif ch in "đð":
            out.append("d9")
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def _exact_or_none(word: str) -> str | None:
    return exact_token(word) if has_diacritics(word) else None


def index_text(folded: str, originals: str) -> str:
    """The document indexed for one message: each distinct chunk of its folded text once, then
    one exact token for each distinct word of `originals` (the unfolded subject, sender and body
    text) that carries diacritics.

    Search matches words, never phrases or positions, so repeated words add nothing but index
    work: a 1 MB circular's 256 K characters shrink to its vocabulary (PostgreSQL's tsvector of
    the full text cost more than the rest of the 500-recipient transaction)."""
    distinct = " ".join(dict.fromkeys(folded.split()))
    # Only distinct non-ASCII chunks can hold a word with diacritics: tokenise those alone.
    chunks = " ".join({chunk for chunk in originals.split() if not chunk.isascii()})
    exact = {_exact_or_none(w) for w in set(words(chunks)) if not w.isascii()}
    exact.discard(None)
    if not exact:
        return distinct
    return distinct + "\n" + " ".join(sorted(e for e in exact if e))


def query_terms(query: str) -> list[SearchTerm]:
    """SEARCH TEXT words as terms: diacritics → exact token, none → folded word."""
    terms: list[SearchTerm] = []
    for word in words(query):
        if has_diacritics(word):
            terms.append(SearchTerm(exact_token(word), exact=True))
        else:
            terms.append(SearchTerm(fold(word), exact=False))
    return terms
