"""The HTTP app: /healthz JSON and the start page in Vietnamese, English on request."""

from __future__ import annotations

import httpx
import pytest

from congvu.web.app import create_app
from congvu.web.site import SiteInfo

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


async def test_thunderbird_autoconfig_lists_tls_endpoints(client: httpx.AsyncClient) -> None:
    import xml.etree.ElementTree as ET

    for path in (
        "/mail/config-v1.1.xml?emailaddress=a%40sonla.gov.vn",
        "/.well-known/autoconfig/mail/config-v1.1.xml",
    ):
        response = await client.get(path)
        assert response.status_code == 200
        root = ET.fromstring(response.text)
        incoming = root.find("./emailProvider/incomingServer")
        outgoing = root.find("./emailProvider/outgoingServer")
        assert incoming is not None
        assert outgoing is not None
        assert incoming.findtext("hostname") == "mail.sonla.gov.vn"
        assert (incoming.findtext("port"), incoming.findtext("socketType")) == ("993", "SSL")
        assert (outgoing.findtext("port"), outgoing.findtext("socketType")) == ("465", "SSL")


async def test_outlook_autodiscover_echoes_the_address(client: httpx.AsyncClient) -> None:
    request = (
        '<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/'
        'outlook/requestschema/2006"><Request><EMailAddress>duyenct.skhcn@sonla.gov.vn</EMailAddress>'
        "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/"
        "responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>"
    )
    response = await client.post("/autodiscover/autodiscover.xml", content=request)
    assert response.status_code == 200
    assert "<LoginName>duyenct.skhcn@sonla.gov.vn</LoginName>" in response.text
    assert "<Type>IMAP</Type><Server>mail.sonla.gov.vn</Server><Port>993</Port>" in response.text
    assert "<SSL>on</SSL>" in response.text
