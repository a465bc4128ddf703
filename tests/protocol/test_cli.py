"""The `congvu` command: help in both languages, `init` makes a data folder, errors name the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from congvu.cli.main import app

runner = CliRunner()


def test_help_is_vietnamese_then_english() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "hệ thống thư điện tử công vụ" in result.output
    assert "official e-mail system" in result.output
    for command in ("init", "serve", "demo", "account", "db"):
        assert command in result.output


@pytest.mark.parametrize("args", [["init", "--help"], ["serve", "--help"], ["account", "add", "--help"]])
def test_subcommand_help_in_both_languages(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "/" in result.output  # "Vietnamese / English" texts


def test_init_creates_config_certificate_and_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = runner.invoke(
        app,
        ["init", "--data-dir", str(data), "--profile", "quangnam-2020", "--domain", "quangnam.gov.vn"],
        env={"CONGVU_CONFIG": ""},
    )
    assert result.exit_code == 0, result.output
    config = tomllib.loads((data / "congvu.toml").read_text(encoding="utf-8"))
    assert config["mail"]["domain"] == "quangnam.gov.vn"
    assert config["mail"]["profile"] == "quangnam-2020"
    assert config["server"]["hostname"] == "mail.quangnam.gov.vn"
    assert (data / "tls" / "cert.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert (data / "tls" / "key.pem").stat().st_mode & 0o077 == 0


def test_bad_setting_exits_2_naming_the_key(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", "--data-dir", str(tmp_path)], env={"CONGVU_PORTS_SMTP": "big", "CONGVU_CONFIG": ""}
    )
    assert result.exit_code == 2
    assert "ports.smtp" in result.output


def test_serve_without_init_names_the_data_folder(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    result = runner.invoke(app, ["serve"], env={"CONGVU_SERVER_DATA_DIR": str(missing), "CONGVU_CONFIG": ""})
    assert result.exit_code == 2
    assert "server.data_dir" in result.output
    assert "congvu init" in result.output
