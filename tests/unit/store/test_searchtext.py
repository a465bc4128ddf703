"""Search tokens (congvu.mailbox.searchtext): folded words plus exact-word tokens that keep the
vowel marks and the tone wherever the tone mark was written (issue 9 item 5)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.domain.folding import fold
from congvu.mailbox.searchtext import exact_token, index_text, query_terms
from congvu.ports import SearchTerm

SYLLABLES = ["khẩn", "khán", "khăn", "khan", "hoà", "hòa", "Đường", "đường", "thuý", "thúy", "công", "văn"]


def test_exact_tokens_separate_tones_and_marks_but_not_tone_placement() -> None:
    assert exact_token("khẩn") == "kha6n3"
    assert len({exact_token(w) for w in ("khẩn", "khán", "khăn")}) == 3
    assert exact_token("hoà") == exact_token("hòa")
    assert exact_token("Thuý") == exact_token("thúy")
    assert exact_token("Đường") == exact_token("đường") == "d9u7o7ng2"


@settings(max_examples=60)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=8))
def test_tokens_are_ascii_words(words: list[str]) -> None:
    text = index_text(fold(" ".join(words)), " ".join(words))
    assert text.isascii()
    for word in words:
        assert fold(word) in text.split()


@settings(max_examples=60)
@given(st.sampled_from(SYLLABLES))
def test_a_query_word_with_diacritics_is_exact_and_found_in_its_own_document(word: str) -> None:
    [term] = query_terms(word)
    document = index_text(fold(word), word).split()
    if term.exact:
        assert term.token in document
    else:
        assert term == SearchTerm(fold(word), exact=False)
        assert term.token in document


def test_query_terms_mix_exact_and_folded_words() -> None:
    assert query_terms("Khẩn cap!") == [SearchTerm("kha6n3", exact=True), SearchTerm("cap", exact=False)]
    assert query_terms("  ") == []
