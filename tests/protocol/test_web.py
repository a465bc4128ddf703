"""The HTTP app: /healthz JSON and the start page in Vietnamese, English on request."""

from __future__ import annotations

import httpx
import pytest

from congvu.web.app import SiteInfo, create_app

SITE = SiteInfo(hostname="mail.sonla.gov.vn", domain="sonla.gov.vn", ports={"imaps": 993, "submissions": 465})


@pytest.fixture
async def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(SITE)), base_url="http://test")


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_start_page_is_vietnamese_by_default(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.headers["content-language"] == "vi"
    assert "Thư điện tử công vụ" in response.text
    assert "mail.sonla.gov.vn" in response.text
    assert "993" in response.text


@pytest.mark.parametrize(
    ("url", "accept", "lang"),
    [
        ("/?lang=en", "", "en"),
        ("/", "en-US,en;q=0.9", "en"),
        ("/", "en;q=0.5,vi;q=0.9", "vi"),
        ("/?lang=vi", "en", "vi"),
        ("/", "fr", "vi"),
    ],
)
async def test_language_choice(client: httpx.AsyncClient, url: str, accept: str, lang: str) -> None:
    response = await client.get(url, headers={"accept-language": accept} if accept else {})
    assert response.headers["content-language"] == lang
    assert ("Official e-mail" in response.text) is (lang == "en")
