"""210 Vietnamese names across the naming rules (tests/regulation/data/names_200.tsv).

Each row: the full name, the split the operator would confirm, and the plain address under
ST14-3.2, QN20-4.1 and SL25-5.2 (staff of Sở Khoa học và Công nghệ, ``skhcn``). The first 46
rows are the tricky ones (the regulations' own examples, no middle name, Ê Đê, compound
family names, Khmer, Jarai, Hmông, Thái, Dao, Tày, one word, very long), checked by hand;
the rest are common Kinh names. The test checks `guess_split` and each engine on every row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from congvu.regulation.names import PersonName, guess_split
from congvu.regulation.naming import NamingConfig, PersonRequest, Unit, engine_for, propose

TABLE = Path(__file__).parent / "data" / "names_200.tsv"
SKHCN = Unit("Sở Khoa học và Công nghệ")


def _rows() -> list[tuple[str, ...]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


ROWS = _rows()


def test_table_has_at_least_200_names() -> None:
    assert len(ROWS) >= 200
    assert len({r[0] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_split_matches_table(row: tuple[str, ...]) -> None:
    full, family, middle, given = row[:4]
    name = guess_split(full).name
    assert (name.family, name.middle, name.given) == (family, middle, given)


@pytest.mark.parametrize(("engine", "column"), [("st14", 4), ("qn20", 5), ("sl25", 6)])
def test_plain_addresses_match_table(engine: str, column: int) -> None:
    requests = [PersonRequest(PersonName(*row[1:4]), SKHCN) for row in ROWS]
    names = engine_for(NamingConfig(engine))  # type: ignore[arg-type]
    proposals = propose(names, requests)  # one batch: plains are checked, clashes elsewhere
    assert [p.plain for p in proposals] == [row[column] for row in ROWS]
