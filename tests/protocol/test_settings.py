"""Settings: one TOML file plus CONGVU_* variables, frozen, errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from congvu.domain.errors import ConfigError
from congvu.settings import load_settings, render_toml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "congvu.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_then_environment(tmp_path: Path) -> None:
    path = write(tmp_path, '[mail]\ndomain = "sonla.gov.vn"\n[ports]\nimap = 1143\n')
    settings = load_settings(path, env={"CONGVU_PORTS_IMAP": "2143", "CONGVU_SERVER_DATA_DIR": "/srv/congvu"})
    assert settings.mail.domain == "sonla.gov.vn"
    assert settings.ports.imap == 2143
    assert settings.server.data_dir == Path("/srv/congvu")
    assert settings.database_url == "sqlite:////srv/congvu/congvu.db"
    assert settings.blob_dir == Path("/srv/congvu/blobs")


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings(None, env={})
    with pytest.raises(ValidationError):
        settings.ports.smtp = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "env", "key"),
    [
        ("[ports]\nsmtp = 70000\n", {}, "ports.smtp"),
        ('[ports]\nimap = "many"\n', {}, "ports.imap"),
        ('[mail]\ndomian = "x"\n', {}, "mail.domian"),
        ("", {"CONGVU_PORTS_HTTP": "-1"}, "ports.http"),
        (
            "",
            {"CONGVU_TLS_ALLOW_PLAINTEXT_AUTH_ON_LOOPBACK": "perhaps"},
            "tls.allow_plaintext_auth_on_loopback",
        ),
        ("", {"CONGVU_NOSUCH_THING": "1"}, "CONGVU_NOSUCH_THING"),
        ("[ports]\nsmtp = 2525\nimap = 2525\n", {}, "ports.imap"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, text: str, env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings(write(tmp_path, text), env=env)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[ports\n")
    with pytest.raises(ConfigError, match=r"congvu\.toml"):
        load_settings(path, env={})


def test_rendered_toml_reads_back_the_same(tmp_path: Path) -> None:
    settings = load_settings(None, env={"CONGVU_MAIL_DOMAIN": "quangnam.gov.vn", "CONGVU_PORTS_HTTP": "8081"})
    again = load_settings(write(tmp_path, render_toml(settings)), env={})
    assert again == settings


def test_config_found_in_data_dir_from_environment(tmp_path: Path) -> None:
    write(tmp_path, '[mail]\ndomain = "tiengiang.gov.vn"\n')
    settings = load_settings(None, env={"CONGVU_SERVER_DATA_DIR": str(tmp_path)})
    assert settings.mail.domain == "tiengiang.gov.vn"
