"""``congvu address suggest`` (RULES.md §2): the profile's engine, existing addresses, vi/en."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("congvu.regulation.profile")

from congvu.cli.main import app

runner = CliRunner()


def test_qn20_example_vietnamese_by_default() -> None:
    result = runner.invoke(
        app,
        [
            "address",
            "suggest",
            "Nguyễn Thị Thanh Vân",
            "--unit",
            "Sở Thông tin và Truyền thông",
            "--profile",
            "quangnam-2020",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Đề xuất: vanntt@quangnam.gov.vn" in result.output
    assert "[QN20-4.1]" in result.output


def test_existing_file_and_english(tmp_path: Path) -> None:
    existing = tmp_path / "boxes.txt"
    existing.write_text("# in use\nvanntt@quangnam.gov.vn\n\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "address",
            "suggest",
            "Nguyễn Thị Thanh Vân",
            "--unit",
            "Sở Thông tin và Truyền thông",
            "--profile",
            "quangnam-2020",
            "--existing",
            str(existing),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Proposed: vanntt1@quangnam.gov.vn" in result.output
    assert "reading A.4" in result.output


def test_leader_after_staff_gets_advice(tmp_path: Path) -> None:
    existing = tmp_path / "boxes.txt"
    existing.write_text("ntbinh\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "address",
            "suggest",
            "Nguyễn Thanh Bình",
            "--unit",
            "Sở Thông tin và Truyền thông",
            "--profile",
            "soctrang-2014",
            "--existing",
            str(existing),
            "--leader",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ntbinh.sotttt@" in result.output
    assert "Re-ranking advice" in result.output
    assert "ST14-3.3.a" in result.output


def test_sl25_digits_and_org_box(tmp_path: Path) -> None:
    existing = tmp_path / "boxes.txt"
    existing.write_text("hoant.skhcn\nsnv\n", encoding="utf-8")
    person = runner.invoke(
        app,
        [
            "address",
            "suggest",
            "--family",
            "Trần",
            "--given",
            "Hoàn",
            "--unit",
            "Sở Khoa học và Công nghệ",
            "--profile",
            "sonla-2025",
            "--existing",
            str(existing),
            "--digits",
            "88",
        ],
    )
    assert person.exit_code == 0, person.output
    assert "hoant88.skhcn@sonla.gov.vn" in person.output
    org = runner.invoke(
        app,
        [
            "address",
            "suggest",
            "--org",
            "--unit",
            "Sở Ngoại vụ",
            "--profile",
            "sonla-2025",
            "--existing",
            str(existing),
        ],
    )
    assert org.exit_code == 0, org.output
    assert "sngv@sonla.gov.vn" in org.output


def test_guess_is_flagged_for_confirmation() -> None:
    result = runner.invoke(
        app,
        ["address", "suggest", "H'Hen Niê", "--unit", "Sở Khoa học và Công nghệ", "--profile", "sonla-2025"],
    )
    assert result.exit_code == 0, result.output
    assert "hhenn.skhcn@sonla.gov.vn" in result.output
    assert "Cần cán bộ quản trị xác nhận." in result.output


def test_errors_exit_2() -> None:
    result = runner.invoke(
        app, ["address", "suggest", "Lª Tr\u00eang", "--unit", "X", "--profile", "sonla-2025"]
    )
    assert result.exit_code == 2
    unknown = runner.invoke(app, ["address", "suggest", "An", "--unit", "X", "--profile", "no-such-profile"])
    assert unknown.exit_code == 2
