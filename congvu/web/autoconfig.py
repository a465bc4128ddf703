"""Mail client auto-configuration: Thunderbird autoconfig and Outlook Autodiscover (POX).

Thunderbird asks ``http://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=…`` and
``https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml``; Outlook posts to
``/autodiscover/autodiscover.xml`` (Autodiscover "POX" v1, responseschema 2006a). Both answer
with the IMAP and SMTP submission endpoints this server really listens on, TLS first, so a
user only types an address and a password (docs/operations.md, DNS names to publish).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from congvu.web.site import SiteInfo

XML = "application/xml; charset=utf-8"
_EMAIL = re.compile(r"<EMailAddress>\s*([^<\s]+)\s*</EMailAddress>", re.IGNORECASE)


def _endpoints(site: SiteInfo) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """(IMAP port, socket type), (SMTP port, socket type): implicit TLS preferred to STARTTLS."""
    p = site.ports
    imap = (p["imaps"], "SSL") if p.get("imaps") else ((p["imap"], "STARTTLS") if p.get("imap") else None)
    if p.get("submissions"):
        smtp: tuple[int, str] | None = (p["submissions"], "SSL")
    else:
        smtp = (p["submission"], "STARTTLS") if p.get("submission") else None
    return imap, smtp


def thunderbird(site: SiteInfo) -> str:
    imap, smtp = _endpoints(site)
    host = escape(site.hostname)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<clientConfig version="1.1">',
        f'  <emailProvider id="{escape(site.domain)}">',
        f"    <domain>{escape(site.domain)}</domain>",
        f"    <displayName>Thư công vụ {escape(site.domain)}</displayName>",
        f"    <displayShortName>{escape(site.domain)}</displayShortName>",
    ]
    if imap is not None:
        parts += [
            '    <incomingServer type="imap">',
            f"      <hostname>{host}</hostname><port>{imap[0]}</port><socketType>{imap[1]}</socketType>",
            "      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>",
            "    </incomingServer>",
        ]
    if smtp is not None:
        parts += [
            '    <outgoingServer type="smtp">',
            f"      <hostname>{host}</hostname><port>{smtp[0]}</port><socketType>{smtp[1]}</socketType>",
            "      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>",
            "    </outgoingServer>",
        ]
    parts += ["  </emailProvider>", "</clientConfig>", ""]
    return "\n".join(parts)


def outlook(site: SiteInfo, email: str) -> str:
    imap, smtp = _endpoints(site)
    protocols = []
    for kind, endpoint in (("IMAP", imap), ("SMTP", smtp)):
        if endpoint is None:
            continue
        port, socket_type = endpoint
        tls = "on" if socket_type == "STARTTLS" else "off"
        ssl = "on" if socket_type == "SSL" else "off"
        protocols.append(
            f"      <Protocol><Type>{kind}</Type><Server>{escape(site.hostname)}</Server><Port>{port}</Port>"
            f"<LoginName>{escape(email)}</LoginName><DomainRequired>off</DomainRequired>"
            f"<SPA>off</SPA><SSL>{ssl}</SSL><TLS>{tls}</TLS><AuthRequired>on</AuthRequired></Protocol>"
        )
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">',
            '  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">',
            "    <Account><AccountType>email</AccountType><Action>settings</Action>",
            *protocols,
            "    </Account>",
            "  </Response>",
            "</Autodiscover>",
            "",
        ]
    )


def routes(site: SiteInfo) -> list[Route]:
    async def tb(request: Request) -> Response:
        return Response(thunderbird(site), media_type=XML)

    async def ms(request: Request) -> Response:
        body = (await request.body())[:65536].decode("utf-8", "replace") if request.method == "POST" else ""
        m = _EMAIL.search(body)
        email = m.group(1) if m else request.query_params.get("emailaddress", "")
        return Response(outlook(site, email), media_type=XML)

    return [
        Route("/mail/config-v1.1.xml", tb),
        Route("/.well-known/autoconfig/mail/config-v1.1.xml", tb),
        Route("/autodiscover/autodiscover.xml", ms, methods=["GET", "POST"]),
        Route("/Autodiscover/Autodiscover.xml", ms, methods=["GET", "POST"]),
    ]
