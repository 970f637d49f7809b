"""Django settings for Lintas, built from :mod:`lintas.config` (defaults, INI, environment)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from lintas.config import load_config, secret_key
from lintas.core import country_names
from lintas.ops.logs import logging_config

CONFIG = load_config()
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = CONFIG.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
INDEX_DIR = DATA_DIR / "index"

DEBUG = CONFIG.flag("LINTAS_DEBUG")
# The production profile (HTTPS settings below, SMTP by default); docs/security.md.
PRODUCTION = CONFIG.flag("LINTAS_PRODUCTION")
SECRET_KEY = secret_key(CONFIG)
ALLOWED_HOSTS = CONFIG.items("LINTAS_ALLOWED_HOSTS")
SITE_URL = CONFIG.get("LINTAS_SITE_URL").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "lintas.core",
    "lintas.catalogue",
    "lintas.matching",
    "lintas.brokerage",
    "lintas.events",
    "lintas.programmes",
    "lintas.talents",
    "lintas.campaigns",
    "lintas.competitions",
    "lintas.network",
    "lintas.insights",
    "lintas.integrations",
    "lintas.api",
    "lintas.pages",
    "lintas.demo",
    "lintas.ops",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before host checks, redirects and the request log.
    "lintas.ops.middleware.HealthMiddleware",
    # Request id, X-Request-ID header and one log line per request (lintas.request).
    "lintas.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a throttled sign-in into the "please wait" page (lintas.core.throttle).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lintas.urls"
WSGI_APPLICATION = "lintas.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "pages:dashboard"
LOGOUT_REDIRECT_URL = "pages:home"
# Checked on sign-up, password reset, the account's password change and in the admin.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "email", "first_name", "last_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in (page, admin, API Basic auth) while the account or IP waits.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lintas.core.context_processors.site",
                "lintas.core.context_processors.sector_names",
                "lintas.pages.navigation.menu",
            ],
        },
    }
]

_db_url = CONFIG.get("LINTAS_DATABASE_URL")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "lintas.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = CONFIG.get("LINTAS_CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Public pages for anonymous visitors are kept this long at most (lintas.core.pagecache; each is
# also keyed by a version its data moves on); 0 renders every page afresh.
PAGE_CACHE_SECONDS = CONFIG.integer("LINTAS_PAGE_CACHE_SECONDS")

# Languages of the interface. km, lo, my and fil are selectable and fall back to English
# where a string is not yet translated.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("id", "Bahasa Indonesia"),
    ("ms", "Bahasa Melayu"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("my", "မြန်မာ"),
    ("fil", "Filipino"),
]
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"})
LANG_INFO.setdefault(
    "fil", {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"}
)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Country names in every UI language, from CLDR (django-countries has no catalogues for most of
# them): see lintas.core.country_names.
COUNTRIES_OVERRIDE = country_names.overrides()
USE_I18N = True
USE_TZ = True
# Dates and times are shown, and "today" is decided, in this zone (stored in UTC).
TIME_ZONE = CONFIG.get("LINTAS_TIME_ZONE")

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Source maps (about 10 MB of the API docs' and admin's bundles) are read by a developer's tools
# only: compressing them with Brotli and gzip was most of the CPU of every `lintas serve` start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MAX_UPLOAD_BYTES = CONFIG.integer("LINTAS_MAX_UPLOAD_MB") * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The console backend (mail printed to the terminal) is for development and the demo only.
EMAIL_BACKEND = CONFIG.get("LINTAS_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = CONFIG.get("LINTAS_EMAIL_HOST")
EMAIL_PORT = CONFIG.integer("LINTAS_EMAIL_PORT")
EMAIL_HOST_USER = CONFIG.get("LINTAS_EMAIL_USER")
EMAIL_HOST_PASSWORD = CONFIG.get("LINTAS_EMAIL_PASSWORD")
EMAIL_USE_TLS = CONFIG.flag("LINTAS_EMAIL_TLS")
EMAIL_USE_SSL = CONFIG.flag("LINTAS_EMAIL_SSL")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = CONFIG.get("LINTAS_EMAIL_FROM")

# Celery: eager (in process) unless a broker is configured.
CELERY_BROKER_URL = CONFIG.get("LINTAS_CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = not CONFIG.get("LINTAS_CELERY_BROKER_URL")
CELERY_TASK_EAGER_PROPAGATES = True
# With a Redis broker, results go to the same Redis (health checks wait for them).
CELERY_RESULT_BACKEND = (
    CONFIG.get("LINTAS_CELERY_BROKER_URL")
    if CONFIG.get("LINTAS_CELERY_BROKER_URL").startswith("redis")
    else None
)
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
# `lintas beat` sends these (times in TIME_ZONE); docs/deployment.md lists them.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "expire-and-remind": {
        "task": "lintas.catalogue.expire_and_remind",
        "schedule": crontab(hour=2, minute=0),
    },
    "stalled-deals": {
        "task": "lintas.brokerage.mark_stalled_deals",
        "schedule": crontab(hour=6, minute=30),
    },
    "search-alerts-daily": {
        "task": "lintas.catalogue.send_search_alerts",
        "schedule": crontab(hour=7, minute=15),
        "kwargs": {"frequency": "daily"},
    },
    "search-alerts-weekly": {
        "task": "lintas.catalogue.send_search_alerts",
        "schedule": crontab(hour=7, minute=20, day_of_week=1),
        "kwargs": {"frequency": "weekly"},
    },
    "match-digests": {
        "task": "lintas.matching.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "agenda-reminders": {
        "task": "lintas.events.send_agenda_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "event-requests-expire-and-remind": {
        "task": "lintas.events.expire_meeting_requests",
        "schedule": crontab(minute=15),
    },
    "event-follow-up-surveys": {
        "task": "lintas.events.send_follow_up_surveys",
        "schedule": crontab(hour=9, minute=0),
    },
    # The insights app adds "insights-refresh-summary" (hourly) in its ready().
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged when it has finished, not when a worker takes it: a worker killed in
# the middle loses nothing, the broker hands the task out again (tasks take ids and are
# idempotent). With Redis the unfinished task returns after the visibility timeout.
CELERY_TASK_DEFAULT_QUEUE = CONFIG.get("LINTAS_CELERY_QUEUE")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CONFIG.integer("LINTAS_CELERY_VISIBILITY_TIMEOUT")
}
# Workers log through LOGGING below (same format as the web processes), see lintas.celery.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "lintas.api.schema.AutoSchema",  # tags per app
    # Personal tokens first: a request without credentials is answered 401 with
    # `WWW-Authenticate: Token` (docs/api.md, "Errors"), a refused permission 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lintas.integrations.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    # Per token or account, and per anonymous IP; 429 with Retry-After (lintas.api.throttling).
    "DEFAULT_THROTTLE_CLASSES": ["lintas.api.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": CONFIG.get("LINTAS_API_RATE_ANONYMOUS"),
        "user": CONFIG.get("LINTAS_API_RATE_USER"),
    },
    # One error shape: {"detail": ..., "errors": {field: [messages]}} (lintas.api.errors).
    "EXCEPTION_HANDLER": "lintas.api.errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # A body is one JSON object of modest depth (lintas.api.parsers), or a form.
    "DEFAULT_PARSER_CLASSES": [
        "lintas.api.parsers.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Every list: {"count", "next", "previous", "results"}; ?page= and ?page_size= (bounded).
    "DEFAULT_PAGINATION_CLASS": "lintas.api.pagination.Pagination",
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lintas API",
    "DESCRIPTION": "Technology offers and needs, matching, brokerage, events, programmes and impact.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set shared by several serializers (no hashed names like Kind90fEnum;
    # `lintas check --deploy` warns about those).
    "ENUM_NAME_OVERRIDES": {
        "ProfileKindEnum": "lintas.catalogue.enums.ProfileKind",
        "ProfileStatusEnum": "lintas.catalogue.enums.ProfileStatus",
        "OrganisationTypeEnum": "lintas.core.enums.OrganisationType",
        "ConsentEnum": "lintas.brokerage.enums.Consent",
        "DealStageEnum": "lintas.brokerage.enums.Stage",
        "DealSourceEnum": "lintas.brokerage.enums.Source",
        "SiteStatusEnum": "lintas.network.enums.SiteStatus",
        "ContentLanguageEnum": "lintas.catalogue.enums.ContentLanguage",
        "PublicationKindEnum": "lintas.talents.enums.PublicationKind",
        "TalentRoleEnum": "lintas.talents.enums.TalentRole",
        "CallStatusEnum": "lintas.programmes.enums.CallStatus",
        "ApplicationStatusEnum": "lintas.programmes.enums.ApplicationStatus",
        "RunStatusEnum": "lintas.programmes.enums.RunStatus",
        "RunKindEnum": "lintas.programmes.enums.RunKind",
        "ProgrammeKindEnum": "lintas.programmes.enums.ProgrammeKind",
        "CertificateKindEnum": "lintas.programmes.enums.CertificateKind",
        "EventKindEnum": "lintas.events.enums.EventKind",
        "ParticipantStatusEnum": "lintas.events.enums.ParticipantStatus",
        "WebhookEventEnum": "lintas.integrations.enums.WebhookEvent",
        "DeliveryStatusEnum": "lintas.integrations.enums.DeliveryStatus",
    },
}

LINTAS = {
    "ENCODER": CONFIG.get("LINTAS_ENCODER"),
    "ENCODER_THREADS": CONFIG.integer("LINTAS_ENCODER_THREADS"),
    "BROKER_APPROVAL_REQUIRED": CONFIG.flag("LINTAS_BROKER_APPROVAL_REQUIRED"),
    "STALLED_DEAL_DAYS": CONFIG.integer("LINTAS_STALLED_DEAL_DAYS"),
    "RENEWAL_REMINDER_DAYS": CONFIG.integer("LINTAS_RENEWAL_REMINDER_DAYS"),
    # Uploaded files are served by Django after the permission check unless one of these
    # hands the streaming to the reverse proxy (docs/security.md, "Files").
    "FILE_ACCEL_REDIRECT": CONFIG.get("LINTAS_FILE_ACCEL_REDIRECT"),
    "FILE_SENDFILE": CONFIG.flag("LINTAS_FILE_SENDFILE"),
    "LOGIN_FAILURES": CONFIG.integer("LINTAS_LOGIN_FAILURES"),
    "LOGIN_BACKOFF_SECONDS": CONFIG.integer("LINTAS_LOGIN_BACKOFF_SECONDS"),
    "LOGIN_BACKOFF_MAX_SECONDS": CONFIG.integer("LINTAS_LOGIN_BACKOFF_MAX_SECONDS"),
    "CLIENT_IP_HEADER": CONFIG.get("LINTAS_CLIENT_IP_HEADER"),
    # Machine translation (LibreTranslate-compatible); empty URL: off.
    "TRANSLATOR_URL": CONFIG.get("LINTAS_TRANSLATOR_URL").strip(),
    "TRANSLATOR_API_KEY": CONFIG.get("LINTAS_TRANSLATOR_API_KEY"),
    "TRANSLATOR_TIMEOUT": float(CONFIG.get("LINTAS_TRANSLATOR_TIMEOUT")),
    # Events (docs/events.md): an unanswered meeting request expires after this many hours,
    # and the person asked is reminded once when this many hours remain.
    "EVENT_REQUEST_EXPIRY_HOURS": CONFIG.integer("LINTAS_EVENT_REQUEST_EXPIRY_HOURS"),
    "EVENT_REQUEST_REMINDER_HOURS": CONFIG.integer("LINTAS_EVENT_REQUEST_REMINDER_HOURS"),
    # Video-call link of a meeting in an online session, e.g. https://meet.example.org/{room};
    # empty: no link (the organisers send their own). Built locally, no call at run time.
    "EVENT_VIDEO_URL": CONFIG.get("LINTAS_EVENT_VIDEO_URL").strip(),
    # The follow-up survey goes out this many months after the event's last day.
    "EVENT_FOLLOW_UP_MONTHS": CONFIG.integer("LINTAS_EVENT_FOLLOW_UP_MONTHS"),
    "API_MAX_PAGE_SIZE": CONFIG.integer("LINTAS_API_MAX_PAGE_SIZE"),
    # Webhook deliveries (docs/api.md, "Webhooks").
    "WEBHOOK_TIMEOUT": float(CONFIG.get("LINTAS_WEBHOOK_TIMEOUT")),
    "WEBHOOK_RETRIES": CONFIG.integer("LINTAS_WEBHOOK_RETRIES"),
    "WEBHOOK_BACKOFF_SECONDS": CONFIG.integer("LINTAS_WEBHOOK_BACKOFF_SECONDS"),
    "WEBHOOK_ALLOW_PRIVATE": CONFIG.flag("LINTAS_WEBHOOK_ALLOW_PRIVATE"),
}

# Sign-in throttling: django-axes records failures per account name and per IP; the back-off
# (exponential, see lintas.core.throttle) is Lintas' own handler on top of it.
AXES_HANDLER = "lintas.core.throttle.BackoffHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LINTAS["LOGIN_FAILURES"]
AXES_COOLOFF_TIME = dt.timedelta(days=1)  # failures are forgotten a day after the last one
AXES_RESET_ON_SUCCESS = False  # the handler forgets only this account's failures from this IP
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # waiting attempts are not counted
AXES_LOCKOUT_CALLABLE = "lintas.core.account_views.lockout"
AXES_CLIENT_IP_CALLABLE = "lintas.core.throttle.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of every successful sign-in

# Everything goes to stderr (gunicorn, Celery and systemd keep it), as plain text or one JSON
# object a line (LINTAS_LOG_FORMAT=json); 5xx tracebacks are always logged (lintas.ops.logs).
LOGGING = logging_config(fmt=CONFIG.get("LINTAS_LOG_FORMAT"), level=CONFIG.get("LINTAS_LOG_LEVEL"))

SITE_NAME = _("Lintas")


# Content-Security-Policy (django-csp), in every mode so that development and the browser
# tests meet the same rules as production: scripts, styles, fonts and images only from the
# site itself (HTMX and Swagger UI are served from static), no inline scripts, event handlers
# or style attributes, no plugins, no framing. Inline SVG charts use presentation attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# LINTAS_PRODUCTION=1: HTTPS only, behind a reverse proxy that terminates TLS and says so in
# LINTAS_PROXY_SSL_HEADER. `lintas check --deploy --fail-level WARNING` passes with it.
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = CONFIG.integer("LINTAS_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    _proxy_header = CONFIG.get("LINTAS_PROXY_SSL_HEADER").strip()
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
