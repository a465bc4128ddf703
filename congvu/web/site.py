"""What the web pages know about the deployment: names and the ports actually listening."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from congvu.i18n import Lang


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """Names and listening ports (0 or absent = off) shown to users and to mail clients."""

    hostname: str
    domain: str
    ports: Mapping[str, int]
    plaintext_loopback: bool = False
    default_lang: Lang = "vi"
