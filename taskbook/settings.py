"""The one settings module. Everything that differs between installations comes from
environment variables (see the README's table); `make run` needs none of them."""

import datetime
import ipaddress
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from taskbook.env import env_bool, env_int, env_list, env_str
from taskbook.roadmaps.style import STYLE as GANTT_STYLE
from taskbook.web.csp import style_hash

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("TASKBOOK_VAR_DIR", str(BASE_DIR.parent / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for a developer's machine: DEBUG on and no key given.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # the API's docs page serves Swagger UI from the package, not from a CDN
    "django_tasks_db",
    "taskbook.accounts",
    "axes",  # sign-in lockout after repeated failures, per account and per address
    "taskbook.audit",
    "taskbook.orgs",
    "taskbook.plans",
    "taskbook.taskbooks",
    "taskbook.reporting",
    "taskbook.targets",
    "taskbook.notifications",
    "taskbook.dashboards",
    "taskbook.documents",
    "taskbook.roadmaps",
    "taskbook.timetables",
    "taskbook.web",
    "taskbook.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Early: whatever a later middleware audits (an idle sign-out) records the client address too.
    "taskbook.web.middleware.AuditAddressMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # On an address without a language prefix, the reader's language instead of the default.
    "taskbook.web.language.PreferredLanguageMiddleware",
    "taskbook.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "taskbook.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "taskbook.accounts.signin.middleware.SessionLimitsMiddleware",
    "taskbook.accounts.signin.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "taskbook.web.middleware.ControlCharacterMiddleware",
    "taskbook.web.middleware.ActionErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked sign-in into the lockout page
]

ROOT_URLCONF = "taskbook.urls"
WSGI_APPLICATION = "taskbook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taskbook.web.context.navigation",
                "taskbook.notifications.context.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'taskbook.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a worker share the file: wait for locks rather than fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Every list of the HTTP API pages with bounded limits (api/pagination.py).
NINJA_PAGINATION_CLASS = "taskbook.api.pagination.Pages"

TASK_BACKEND = env_str("TASK_BACKEND", "database")
TASKS: dict[str, dict[str, Any]]
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be 'database' or 'redis', not {TASK_BACKEND!r}")

# Sign-in rules (README, "Sign-in rules"): defaults that meet MLPS 2.0 level 3 and OWASP ASVS level 2.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked sign-in before any password check
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10)
PASSWORD_MIN_CLASSES = env_int("PASSWORD_MIN_CLASSES", 3)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 0)  # 0: passwords do not expire
if PASSWORD_MIN_LENGTH < 8 or not 1 <= PASSWORD_MIN_CLASSES <= 4 or PASSWORD_MAX_AGE_DAYS < 0:
    raise ImproperlyConfigured(
        "PASSWORD_MIN_LENGTH is at least 8, PASSWORD_MIN_CLASSES 1 to 4, PASSWORD_MAX_AGE_DAYS 0 or more"
    )
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "taskbook.accounts.passwords.ComplexityValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "taskbook.accounts.passwords.PasswordAgeValidator"},  # notes when each password is set
]
# django-axes: LOCKOUT_FAILURES failed sign-ins within LOCKOUT_MINUTES lock the account, and
# separately the address they came from, for LOCKOUT_MINUTES after the last one.
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 5)
_LOCKOUT_MINUTES = env_int("LOCKOUT_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1 or _LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOCKOUT_FAILURES and LOCKOUT_MINUTES are at least 1")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_LOCKOUT_MINUTES)
# Per address too by default; an office whose people all reach taskbook from one NAT address (no proxy
# that names them) may turn that off, so that one person's mistakes do not lock everyone out.
AXES_LOCKOUT_PARAMETERS = (
    ["username", "ip_address"] if env_bool("LOCKOUT_PER_ADDRESS", True) else ["username"]
)
# A failure while locked does not push the end of the lock further away, and a success does not wipe
# the count (else a guesser signing in to an account of their own would reset the address's count).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "taskbook.accounts.signin.clients.client_address"
AXES_LOCKOUT_CALLABLE = "taskbook.accounts.signin.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are audit events: the audit log is their one record
AXES_ENABLE_ADMIN = False  # locks are unlocked from taskbook's sign-in page, which audits it
AXES_VERBOSE = False
# The client address: X-Forwarded-For (or the header named) is believed only from these proxies.
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _entry in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_entry, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_entry!r} is not an address or network") from _exc
# Sessions live in the database, so that the coordinator can end a person's sessions. A session ends
# after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after the sign-in.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
if SESSION_IDLE_SECONDS < 60 or SESSION_COOKIE_AGE < SESSION_IDLE_SECONDS:
    raise ImproperlyConfigured("SESSION_IDLE_SECONDS is at least 60 and SESSION_COOKIE_AGE at least as long")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str("STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Uploaded documents and evidence live outside the web root and are served by views
# that check access, never by the static file server.
MEDIA_ROOT = VAR_DIR / "private"
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# What reading one upload may cost (taskbook/ingest/limits.py): a DOCX/XLSX is a zip, bounded by the sum
# of its parts and their number before it is parsed; a PDF is read in a child process bounded in pages,
# seconds (CPU and wall clock) and memory, so a zip or PDF bomb is a 400 in seconds.
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
UPLOAD_MAX_PARTS = env_int("UPLOAD_MAX_PARTS", 2000)
PDF_MAX_PAGES = env_int("PDF_MAX_PAGES", 500)
PDF_MAX_SECONDS = env_int("PDF_MAX_SECONDS", 30)
PDF_MAX_MEMORY_BYTES = env_int("PDF_MAX_MEMORY_BYTES", 768 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A developer's machine prints e-mail on the console; an installation sends it by SMTP.
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
# The address people open taskbook at: links in e-mails and chat messages point there.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "taskbook@localhost")
# An invitation's link sets the password once, for this many days; a reset link for this many hours.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 2) * 3600
if INVITATION_DAYS < 1 or PASSWORD_RESET_TIMEOUT < 3600:
    raise ImproperlyConfigured("INVITATION_DAYS and PASSWORD_RESET_HOURS are at least 1")
# A notification that fails in a way that may pass is tried this many times in all, the waits between
# tries doubling from the base delay (docs/jobs.md).
NOTIFICATION_ATTEMPTS = env_int("NOTIFICATION_ATTEMPTS", 5)
NOTIFICATION_RETRY_SECONDS = env_int("NOTIFICATION_RETRY_SECONDS", 300)
if NOTIFICATION_ATTEMPTS < 1 or NOTIFICATION_RETRY_SECONDS < 1:
    raise ImproperlyConfigured("NOTIFICATION_ATTEMPTS and NOTIFICATION_RETRY_SECONDS are at least 1")
# A document whose worker stopped (no heartbeat for DOCUMENT_STALE_SECONDS) is built again, at most
# DOCUMENT_ATTEMPTS times in all, the waits between tries doubling from DOCUMENT_RETRY_SECONDS.
DOCUMENT_ATTEMPTS = env_int("DOCUMENT_ATTEMPTS", 3, minimum=1)
DOCUMENT_RETRY_SECONDS = env_int("DOCUMENT_RETRY_SECONDS", 30, minimum=1)
DOCUMENT_STALE_SECONDS = env_int("DOCUMENT_STALE_SECONDS", 120, minimum=2)
# Webhooks reach public hosts only; these (host names, addresses, networks) are intranet chat servers
# on private addresses that they may reach too.
WEBHOOK_ALLOWED_HOSTS = env_list("WEBHOOK_ALLOWED_HOSTS", [])
for _entry in WEBHOOK_ALLOWED_HOSTS:
    try:
        if "/" in _entry:
            ipaddress.ip_network(_entry, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"WEBHOOK_ALLOWED_HOSTS: {_entry!r} is not a network") from _exc

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A strict Content-Security-Policy (Django's middleware): scripts, styles, images and fonts from
# taskbook's own static files only; no inline script, no inline style but the road map's own style
# sheet (allowed by its hash), no plugins, no framing, forms posted to taskbook only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, style_hash(GANTT_STYLE)],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "taskbook.web.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Calendar feed tokens are masked in every line (web/logs.py).
    "filters": {"feed_tokens": {"()": "taskbook.web.logs.MaskFeedTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["feed_tokens"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Django's own loggers write through the same filtered handler, not the unfiltered ones of its
    # default configuration: request warnings ("Not Found: …") and runserver's request lines.
    "loggers": {
        "django": {"handlers": [], "propagate": True, "level": env_str("LOG_LEVEL", "WARNING")},
        "django.server": {"handlers": ["console"], "propagate": False, "level": "INFO"},
    },
}
