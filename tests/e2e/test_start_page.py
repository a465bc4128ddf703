"""The start page in a real browser (headless Debian Chromium through Playwright) and /healthz.

The page is Vietnamese by default, switches to English with its toggle (``?lang=en``) or an
English Accept-Language, and shows the ports the server really listens on.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from congvu.testing.server import CongvuProcess

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("CONGVU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CongvuProcess]:
    server = CongvuProcess(tmp_path_factory.mktemp("web") / "congvu", domain="sonla.gov.vn")
    server.init()
    server.start()
    yield server
    assert server.stop() == 0, server.log_tail()


def test_healthz(web: CongvuProcess) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{web.ports['http']}/healthz", timeout=10) as resp:
        body = json.loads(resp.read())
    assert body["status"] == "ok"
    assert body["hostname"] == "mail.sonla.gov.vn"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (.ci/run installs it)")
def test_start_page_in_chromium_vietnamese_then_english(web: CongvuProcess) -> None:
    from playwright.sync_api import sync_playwright

    url = f"http://127.0.0.1:{web.ports['http']}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="vi-VN")
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == "vi"
            assert page.locator("#title").inner_text() == "Thư điện tử công vụ"
            setup = page.locator("#client-setup").inner_text()
            assert "mail.sonla.gov.vn" in setup
            assert str(web.ports["imaps"]) in setup
            page.click("#lang-toggle")
            page.wait_for_url("**lang=en")
            assert page.locator("#title").inner_text() == "Official e-mail"
            assert page.locator("html").get_attribute("lang") == "en"
            english = browser.new_page(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en"})
            english.goto(url)
            assert english.locator("#title").inner_text() == "Official e-mail"
        finally:
            browser.close()


def test_thunderbird_autoconfig_names_the_real_ports(web: CongvuProcess) -> None:
    url = f"http://127.0.0.1:{web.ports['http']}/mail/config-v1.1.xml?emailaddress=a%40sonla.gov.vn"
    with urllib.request.urlopen(url, timeout=10) as resp:
        body = resp.read().decode()
    assert f"<port>{web.ports['imaps']}</port><socketType>SSL</socketType>" in body
    assert f"<port>{web.ports['submissions']}</port><socketType>SSL</socketType>" in body
