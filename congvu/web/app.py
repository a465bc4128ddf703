"""The HTTP application: health endpoint and the start page that later grows into webmail and console.

``GET /healthz`` answers JSON for load balancers and monitoring; ``GET /`` is the start page,
Vietnamese by default, English with ``?lang=en`` or an ``Accept-Language`` that prefers
English (Vietnamese first everywhere else, per the project convention). The page tells users
how to set up Thunderbird or Outlook with the ports this server actually listens on, and
`congvu.web.autoconfig` lets those clients configure themselves.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from congvu import __version__
from congvu.i18n import Lang, register, translate
from congvu.web import autoconfig
from congvu.web.site import SiteInfo

TEMPLATES = Path(__file__).parent / "templates"

MESSAGES: dict[str, tuple[str, str]] = {
    "web.title": ("Thư điện tử công vụ", "Official e-mail"),
    "web.tagline": (
        "Hệ thống thư điện tử công vụ của {domain}",
        "The official e-mail system of {domain}",
    ),
    "web.client_setup": ("Cài đặt Thunderbird hoặc Outlook", "Setting up Thunderbird or Outlook"),
    "web.incoming": ("Thư đến (IMAP)", "Incoming mail (IMAP)"),
    "web.outgoing": ("Thư đi (SMTP)", "Outgoing mail (SMTP)"),
    "web.server": ("Máy chủ", "Server"),
    "web.port": ("Cổng", "Port"),
    "web.security": ("Bảo mật", "Security"),
    "web.username": (
        "Tên đăng nhập là địa chỉ thư đầy đủ, ví dụ {example}.",
        "The user name is the full e-mail address, for example {example}.",
    ),
    "web.webmail_soon": (
        "Hộp thư trên web và trang quản trị sẽ có ở đây.",
        "Webmail and the administration console will appear here.",
    ),
    "web.other_lang": ("English", "Tiếng Việt"),
    "web.disabled": ("tắt", "off"),
    "web.plain": ("không mã hóa (chỉ thử nghiệm)", "none (testing only)"),
}
register(MESSAGES)


def choose_lang(request: Request, default: Lang = "vi") -> Lang:
    """``?lang=`` wins; then Accept-Language (English only when preferred to Vietnamese); then
    the deployment's ``server.language``."""
    asked = request.query_params.get("lang")
    if asked in ("vi", "en"):
        return "en" if asked == "en" else "vi"
    best: tuple[float, Lang] | None = None
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in ("vi", "en"):
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang: Lang = "en" if primary == "en" else "vi"
        if best is None or q > best[0]:
            best = (q, lang)
    return best[1] if best else default


def create_app(site: SiteInfo) -> Starlette:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    templates = Jinja2Templates(env=env)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "hostname": site.hostname})

    async def start(request: Request) -> Response:
        lang = choose_lang(request, site.default_lang)

        def t(key: str, **params: object) -> str:
            return translate(key, lang, **params)

        response: Response = templates.TemplateResponse(
            request,
            "start.html",
            {
                "t": t,
                "lang": lang,
                "other": "en" if lang == "vi" else "vi",
                "site": site,
                "example": f"duyenct.skhcn@{site.domain}",
            },
            headers={"Content-Language": lang, "Vary": "Accept-Language"},
        )
        return response

    return Starlette(routes=[Route("/healthz", healthz), Route("/", start), *autoconfig.routes(site)])
