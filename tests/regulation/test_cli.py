"""``congvu profile list|show|coverage`` and ``congvu password check`` (issue 10 items 1, 2, 8)."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from congvu.cli import passwords, profiles
from congvu.cli.passwords import split_name


def make_app() -> typer.Typer:
    app = typer.Typer()
    profiles.register(app)
    passwords.register(app)
    return app


runner = CliRunner()


def test_profile_list_in_vietnamese_and_english() -> None:
    vi = runner.invoke(make_app(), ["profile", "list"])
    assert vi.exit_code == 0, vi.output
    assert "Tên miền" in vi.output
    assert "sonla.gov.vn" in vi.output
    en = runner.invoke(make_app(), ["profile", "list", "--lang", "en"])
    assert "Domains" in en.output


def test_profile_show_prints_figures_with_articles() -> None:
    result = runner.invoke(make_app(), ["profile", "show", "sonla-2025"])
    assert result.exit_code == 0, result.output
    assert "90 ngày" in result.output
    assert "SL25-8.2.a" in result.output
    assert "Điều 8 khoản 2 điểm a" in result.output
    english = runner.invoke(make_app(), ["profile", "show", "quangnam-2020", "--lang", "en"])
    assert "5 GiB" in english.output
    assert "Article 9" in english.output
    assert "2 working days from receipt" in english.output


def test_profile_show_unknown_profile_exits_2() -> None:
    result = runner.invoke(make_app(), ["profile", "show", "hanoi-2030"])
    assert result.exit_code == 2
    assert "no such profile" in result.output


def test_profile_coverage() -> None:
    result = runner.invoke(make_app(), ["profile", "coverage", "soctrang-sotttt-2017", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "ST17-13.2" in result.output
    assert "out of software's reach" in result.output
    assert "rules are enforced or out of software's reach" in result.output


def test_password_check_reads_stdin_and_cites_articles() -> None:
    bad = runner.invoke(
        make_app(),
        ["password", "check", "--profile", "quangnam-2020", "--name", "Nguyễn Văn Nam"],
        input="Nguyen@Nam2024x\n",
    )
    assert bad.exit_code == 1
    assert "Mật khẩu không được trùng với họ, tên, chữ lót" in bad.output
    assert "Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND" in bad.output
    good = runner.invoke(
        make_app(),
        ["password", "check", "--profile", "sonla-2025", "--lang", "en"],
        input="Tr@ng-Ch1m-Bay&7\n",
    )
    assert good.exit_code == 0
    assert "meets profile sonla-2025" in good.output
    empty = runner.invoke(make_app(), ["password", "check"], input="")
    assert empty.exit_code == 2


def test_split_name() -> None:
    assert split_name("Nguyễn Thị Tú Vân") == ("Nguyễn", "Thị Tú", "Vân")
    assert split_name("Vân") == ("", "", "Vân")
    assert split_name("  ") == ("", "", "")
