"""The profile's `[naming]` table (RULES.md §2; READINGS.md A.1, A.3, A.8, A.10)."""

from __future__ import annotations

import pytest

from congvu.domain.errors import ConfigError
from congvu.regulation.naming import NamingConfig
from congvu.regulation.naming.config import DEFAULT_TYPE_TABLE


@pytest.mark.parametrize("engine", ["st14", "qn20", "sl25", "tg09"])
def test_engine_alone_is_enough(engine: str) -> None:
    config = NamingConfig.from_mapping({"engine": engine}, where="p.toml")
    assert config == NamingConfig.default(engine)  # type: ignore[arg-type]


def test_defaults_per_engine() -> None:
    assert NamingConfig("st14").first_number == 2  # ST14-3.3.b, reading A.3
    assert NamingConfig("qn20").first_number == 1  # QN20-4.2
    assert NamingConfig("tg09").needs_confirmation  # reading A.10
    assert not NamingConfig("st14").needs_confirmation
    assert NamingConfig("st14").type_table == DEFAULT_TYPE_TABLE


def test_all_options() -> None:
    config = NamingConfig.from_mapping(
        {
            "engine": "tg09",
            "personal": "{given}{initials}",
            "organisation": "{initials}.{parent}",
            "confirm_all": True,
        },
        where="p.toml",
    )
    assert config.personal == "{given}{initials}"
    assert config.organisation == "{initials}.{parent}"
    config = NamingConfig.from_mapping(
        {"engine": "st14", "type_words": {"Hội": "hoi"}, "number_start": 3}, where="p"
    )
    assert ("hoi", "hoi") in config.type_table
    assert ("ubnd huyen", "huyen") in config.type_table  # defaults kept
    assert config.first_number == 3


@pytest.mark.parametrize(
    ("data", "key", "problem"),
    [
        ({}, "engine", "must be one of"),
        ({"engine": "hanoi"}, "engine", "must be one of"),
        ({"engine": "st14", "colour": 1}, "colour", "unknown key"),
        ({"engine": "qn20", "type_words": {}}, "type_words", "not an option of the qn20 engine"),
        ({"engine": "st14", "type_words": ["so"]}, "type_words", "must be a table"),
        ({"engine": "st14", "type_words": {"sở": "Sở"}}, "type_words", "lower-case"),
        ({"engine": "st14", "number_start": "2"}, "number_start", "integer"),
        ({"engine": "st14", "number_start": True}, "number_start", "integer"),
        ({"engine": "sl25", "propose_digits": "random"}, "propose_digits", "lowest"),
        ({"engine": "tg09", "personal": "{given}{age}"}, "personal", "unknown field {age}"),
        ({"engine": "tg09", "personal": "{given}_{initials}"}, "personal", "literal text"),
        ({"engine": "tg09", "personal": "TG{given}"}, "personal", "literal text"),
        ({"engine": "tg09", "organisation": "{given}"}, "organisation", "unknown field"),
        ({"engine": "tg09", "personal": "{given"}, "personal", "bad template"),
        ({"engine": "tg09", "confirm_all": "yes"}, "confirm_all", "true or false"),
    ],
)
def test_errors_name_file_key_and_problem(data: dict[str, object], key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        NamingConfig.from_mapping(data, where="profiles/x.toml")
    message = str(info.value)
    assert message.startswith("profiles/x.toml: [naming] ")
    assert key in message
    assert problem in message


def test_shipped_profiles_load_their_naming_tables() -> None:
    profile = pytest.importorskip("congvu.regulation.profile")
    engines = {
        name: profile.load_profile(name).naming.engine
        for name in ("soctrang-2014", "quangnam-2020", "sonla-2025", "tiengiang-2009")
    }
    assert engines == {
        "soctrang-2014": "st14",
        "quangnam-2020": "qn20",
        "sonla-2025": "sl25",
        "tiengiang-2009": "tg09",
    }
