"""Configuration: defaults, then an optional INI file, then ``LINTAS_*`` variables.

Kept free of Django imports so the CLI and tests can read it cheaply. The INI file is
``$LINTAS_CONFIG`` or ``lintas.cfg`` in the data folder; every key of its sections can be
overridden by ``LINTAS_<SECTION>_<KEY>`` or, for the common ones, the short names below.
"""

from __future__ import annotations

import configparser
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

# setting name -> (INI section, INI key, default). Each is documented in docs/configuration.md
# (a test keeps the two in step).
SETTINGS: dict[str, tuple[str, str, str]] = {
    "LINTAS_DATA_DIR": ("filesystem", "data", "./var"),
    "LINTAS_DATABASE_URL": ("database", "url", ""),
    "LINTAS_DEBUG": ("site", "debug", "false"),
    "LINTAS_SITE_URL": ("site", "url", "http://127.0.0.1:8000"),
    "LINTAS_ALLOWED_HOSTS": ("site", "allowed_hosts", "127.0.0.1,localhost,testserver"),
    "LINTAS_SECRET_KEY": ("site", "secret_key", ""),
    "LINTAS_TIME_ZONE": ("site", "time_zone", "Asia/Shanghai"),
    "LINTAS_CELERY_BROKER_URL": ("celery", "broker_url", ""),
    "LINTAS_CACHE_URL": ("cache", "url", ""),
    "LINTAS_PAGE_CACHE_SECONDS": ("cache", "page_seconds", "300"),
    "LINTAS_EMAIL_BACKEND": ("mail", "backend", ""),
    "LINTAS_EMAIL_FROM": ("mail", "from", "Lintas <noreply@lintas.example>"),
    "LINTAS_EMAIL_HOST": ("mail", "host", "localhost"),
    "LINTAS_EMAIL_PORT": ("mail", "port", "25"),
    "LINTAS_ENCODER": ("matching", "encoder", "e5"),
    "LINTAS_ENCODER_THREADS": ("matching", "encoder_threads", "1"),
    "LINTAS_BROKER_APPROVAL_REQUIRED": ("brokerage", "broker_approval_required", "false"),
    "LINTAS_STALLED_DEAL_DAYS": ("brokerage", "stalled_deal_days", "21"),
    "LINTAS_RENEWAL_REMINDER_DAYS": ("catalogue", "renewal_reminder_days", "30"),
    "LINTAS_MAX_UPLOAD_MB": ("catalogue", "max_upload_mb", "10"),
    "LINTAS_FILE_ACCEL_REDIRECT": ("files", "accel_redirect", ""),
    "LINTAS_FILE_SENDFILE": ("files", "sendfile", "false"),
    "LINTAS_LOGIN_FAILURES": ("security", "login_failures", "5"),
    "LINTAS_LOGIN_BACKOFF_SECONDS": ("security", "login_backoff_seconds", "60"),
    "LINTAS_LOGIN_BACKOFF_MAX_SECONDS": ("security", "login_backoff_max_seconds", "86400"),
    "LINTAS_CLIENT_IP_HEADER": ("security", "client_ip_header", ""),
    "LINTAS_PRODUCTION": ("security", "production", "false"),
    "LINTAS_PROXY_SSL_HEADER": ("security", "proxy_ssl_header", "X-Forwarded-Proto"),
    "LINTAS_HSTS_SECONDS": ("security", "hsts_seconds", "31536000"),
    "LINTAS_API_RATE_ANONYMOUS": ("api", "rate_anonymous", "60/minute"),
    "LINTAS_API_RATE_USER": ("api", "rate_user", "600/minute"),
    "LINTAS_API_MAX_PAGE_SIZE": ("api", "max_page_size", "100"),
    "LINTAS_WEBHOOK_TIMEOUT": ("webhooks", "timeout", "10"),
    "LINTAS_WEBHOOK_RETRIES": ("webhooks", "retries", "5"),
    "LINTAS_WEBHOOK_BACKOFF_SECONDS": ("webhooks", "backoff_seconds", "30"),
    "LINTAS_WEBHOOK_ALLOW_PRIVATE": ("webhooks", "allow_private", "false"),
    "LINTAS_EMAIL_USER": ("mail", "user", ""),
    "LINTAS_EMAIL_PASSWORD": ("mail", "password", ""),
    "LINTAS_EMAIL_TLS": ("mail", "tls", "false"),
    "LINTAS_EMAIL_SSL": ("mail", "ssl", "false"),
    "LINTAS_LOG_FORMAT": ("logging", "format", "plain"),
    "LINTAS_LOG_LEVEL": ("logging", "level", "INFO"),
    "LINTAS_SERVE_BIND": ("serve", "bind", "127.0.0.1:8000"),
    "LINTAS_SERVE_WORKERS": ("serve", "workers", ""),
    "LINTAS_SERVE_THREADS": ("serve", "threads", "1"),
    "LINTAS_SERVE_TIMEOUT": ("serve", "timeout", "30"),
    "LINTAS_SERVE_MAX_REQUESTS": ("serve", "max_requests", "1000"),
    "LINTAS_CELERY_VISIBILITY_TIMEOUT": ("celery", "visibility_timeout", "3600"),
    "LINTAS_CELERY_QUEUE": ("celery", "queue", "celery"),
    "LINTAS_TRANSLATOR_URL": ("translation", "url", ""),
    "LINTAS_TRANSLATOR_API_KEY": ("translation", "api_key", ""),
    "LINTAS_TRANSLATOR_TIMEOUT": ("translation", "timeout", "10"),
    "LINTAS_EVENT_REQUEST_EXPIRY_HOURS": ("events", "request_expiry_hours", "120"),
    "LINTAS_EVENT_REQUEST_REMINDER_HOURS": ("events", "request_reminder_hours", "24"),
    "LINTAS_EVENT_VIDEO_URL": ("events", "video_url", ""),
    "LINTAS_EVENT_FOLLOW_UP_MONTHS": ("events", "follow_up_months", "6"),
}

TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Config:
    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values[name]

    def flag(self, name: str) -> bool:
        return self.values[name].strip().lower() in TRUE_WORDS

    def integer(self, name: str) -> int:
        return int(self.values[name])

    def items(self, name: str) -> list[str]:
        return [item.strip() for item in self.values[name].split(",") if item.strip()]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["LINTAS_DATA_DIR"]).expanduser().resolve()


def load_config(environ: dict[str, str] | None = None) -> Config:
    """Read the three layers; later layers win. Why not django-environ: we need the INI layer."""
    env = dict(os.environ if environ is None else environ)
    values = {name: default for name, (_, _, default) in SETTINGS.items()}
    data_dir = env.get("LINTAS_DATA_DIR", values["LINTAS_DATA_DIR"])
    ini_path = env.get("LINTAS_CONFIG") or str(Path(data_dir) / "lintas.cfg")
    parser = configparser.ConfigParser()
    if os.path.exists(ini_path):
        parser.read(ini_path, encoding="utf-8")
        for name, (section, key, _) in SETTINGS.items():
            if parser.has_option(section, key):
                values[name] = parser.get(section, key)
    for name in SETTINGS:
        if name in env:
            values[name] = env[name]
    return Config(values)


def secret_key(config: Config) -> str:
    """The configured key, or one generated once into the data folder (kept across restarts)."""
    if config.get("LINTAS_SECRET_KEY"):
        return config.get("LINTAS_SECRET_KEY")
    path = config.data_dir / ".secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
