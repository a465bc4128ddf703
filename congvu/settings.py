"""Deployment settings: one TOML file plus ``CONGVU_*`` environment variables, validated once.

DESIGN.md "Configuration flows one way": `Settings` is a frozen object built once at start by
`load_settings` and passed down; nothing else in Congvu reads the environment. A bad value
raises `ConfigError` whose message names the dotted key (``ports.smtp``) and where it came from.

The file has sections; an environment variable ``CONGVU_<SECTION>_<KEY>`` overrides
``[section] key`` (``CONGVU_PORTS_IMAP=1143``, ``CONGVU_DATABASE_URL=postgresql+psycopg://…``).
``CONGVU_CONFIG`` names the file itself. docs/operations.md lists every key.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from congvu.domain.errors import ConfigError

ENV_PREFIX = "CONGVU_"
CONFIG_ENV = "CONGVU_CONFIG"
CONFIG_FILE_NAME = "congvu.toml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ServerSettings(_Section):
    """Where the process lives: its name in the Received header, its data folder, its interface."""

    hostname: str = Field(default="mail.example.gov.vn", min_length=1, max_length=253)
    listen: str = "0.0.0.0"
    data_dir: Path = Path("/var/lib/congvu")
    language: Literal["vi", "en"] = "vi"
    shutdown_grace_seconds: float = Field(default=10.0, ge=0, le=600)
    # Worker processes sharing every port through SO_REUSEPORT (congvu.supervisor); 1 = one
    # process, today's single-process path exactly. More than the CPU count buys nothing.
    workers: int = Field(default=1, ge=1, le=64)


class MailSettings(_Section):
    """The province's mail domain and regulation profile (congvu.regulation.profile)."""

    domain: str = Field(default="example.gov.vn", min_length=1, max_length=253)
    profile: str = "sonla-2025"
    max_message_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    max_recipients: int = Field(default=1000, ge=1)


class PortSettings(_Section):
    """TCP ports; 0 disables a listener. Standard ports in production, 2xxx/8xxx in the demo."""

    smtp: int = Field(default=25, ge=0, le=65535)  # MX, RFC 5321
    submission: int = Field(default=587, ge=0, le=65535)  # RFC 6409, STARTTLS then AUTH
    submissions: int = Field(default=465, ge=0, le=65535)  # RFC 8314 implicit TLS
    imap: int = Field(default=143, ge=0, le=65535)
    imaps: int = Field(default=993, ge=0, le=65535)
    http: int = Field(default=80, ge=0, le=65535)


class TlsSettings(_Section):
    """Certificate for STARTTLS, 465 and 993 (`congvu init` makes a self-signed one)."""

    cert: Path = Path("tls/cert.pem")  # relative paths are under server.data_dir
    key: Path = Path("tls/key.pem")
    # Demo and tests only: allow AUTH/LOGIN without TLS when the peer is 127.0.0.1/::1.
    allow_plaintext_auth_on_loopback: bool = False


class DatabaseSettings(_Section):
    """Metadata store; empty means SQLite in the data folder."""

    url: str = ""


class BlobSettings(_Section):
    """Message blob store; empty means ``<data_dir>/blobs``."""

    dir: Path | None = None


class Settings(_Section):
    server: ServerSettings = ServerSettings()
    mail: MailSettings = MailSettings()
    ports: PortSettings = PortSettings()
    tls: TlsSettings = TlsSettings()
    database: DatabaseSettings = DatabaseSettings()
    blobs: BlobSettings = BlobSettings()

    @model_validator(mode="after")
    def _distinct_ports(self) -> Settings:
        seen: dict[int, str] = {}
        for name, port in self.ports.model_dump().items():
            if port and port in seen:
                raise ValueError(f"ports.{name} = {port} is also ports.{seen[port]}")
            seen[port] = name
        return self

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{self.server.data_dir / 'congvu.db'}"

    @property
    def blob_dir(self) -> Path:
        return self.blobs.dir or self.server.data_dir / "blobs"

    @property
    def cert_path(self) -> Path:
        return self.server.data_dir / self.tls.cert

    @property
    def key_path(self) -> Path:
        return self.server.data_dir / self.tls.key


_SECTIONS = frozenset(Settings.model_fields)


def _env_overrides(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """``CONGVU_PORTS_IMAP=1143`` → ``{"ports": {"imap": "1143"}}``; unknown sections are errors."""
    out: dict[str, dict[str, str]] = {}
    for name, value in env.items():
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV:
            continue
        rest = name[len(ENV_PREFIX) :].lower()
        section, _, key = rest.partition("_")
        if section not in _SECTIONS or not key:
            # Other CONGVU_* variables (CONGVU_TEST_PG_URL, CONGVU_CHROMIUM) belong to tests.
            if name.startswith(ENV_PREFIX + "TEST") or name == "CONGVU_CHROMIUM":
                continue
            raise ConfigError(f"{name}: unknown setting (expected CONGVU_<SECTION>_<KEY>)")
        out.setdefault(section, {})[key] = value
    return out


def _merge(base: dict[str, Any], over: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    merged = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for section, values in over.items():
        current = merged.get(section)
        merged[section] = {**(current if isinstance(current, dict) else {}), **values}
    return merged


def settings_from_mapping(data: Mapping[str, Any], *, source: str = "settings") -> Settings:
    """Validate a parsed TOML mapping; the error names each bad key as ``section.key``."""
    try:
        return Settings.model_validate(dict(data))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{source}: {problems}") from None


SYSTEM_CONFIG = Path("/etc/congvu") / CONFIG_FILE_NAME


def find_config(env: Mapping[str, str], cwd: Path | None = None) -> Path | None:
    """The file to read when none is named: $CONGVU_CONFIG, then ``congvu.toml`` in
    $CONGVU_SERVER_DATA_DIR, in the current folder, then /etc/congvu/congvu.toml."""
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    candidates = []
    if env.get(ENV_PREFIX + "SERVER_DATA_DIR"):
        candidates.append(Path(env[ENV_PREFIX + "SERVER_DATA_DIR"]) / CONFIG_FILE_NAME)
    candidates += [(cwd or Path.cwd()) / CONFIG_FILE_NAME, SYSTEM_CONFIG]
    return next((c for c in candidates if c.is_file()), None)


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Build the one `Settings` of this process from `path` (or `find_config`) and the environment."""
    environ = os.environ if env is None else env
    if path is None:
        path = find_config(environ)
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: configuration file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    data = _merge(data, _env_overrides(environ))
    settings = settings_from_mapping(data, source=str(path) if path else "environment")
    if path is not None and not settings.server.data_dir.is_absolute():
        # A relative data folder is relative to the file that names it.
        server = settings.server.model_copy(update={"data_dir": (path.parent / settings.server.data_dir)})
        settings = settings.model_copy(update={"server": server})
    return settings


def render_toml(settings: Settings) -> str:
    """The TOML text `congvu init` writes (every key, so an operator sees what can be changed)."""
    lines: list[str] = [
        "# Congvu Mail — cấu hình / configuration. Khóa / keys: docs/operations.md.",
        "# CONGVU_<SECTION>_<KEY> ghi đè / overrides, e.g. CONGVU_PORTS_IMAP=1143.",
        "",
    ]
    for section, model in settings:
        lines.append(f"[{section}]")
        for key, value in model:
            if value is None:
                lines.append(f"# {key} =  (mặc định / default)")
                continue
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
