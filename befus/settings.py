"""Settings of the BeFUS platform.

Every value comes from a ``BEFUS_*`` environment variable with a default that is safe for the demo;
docs/configuration.md lists them all. Production (neither ``BEFUS_DEBUG`` nor ``BEFUS_DEMO``)
refuses to start without a strong secret key, whatever the entry point (``befus.core.secretkey``);
``befus serve`` also wants allowed hosts (``befus.cli``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from befus.core.secretkey import resolve_secret_key


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"BEFUS_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("DATA_DIR", "befus-data")).resolve()
TESTING = "pytest" in sys.modules or env_bool("TESTING")

DEBUG = env_bool("DEBUG")
DEMO = env_bool("DEMO")
# No key ships with the platform: production refuses to start without BEFUS_SECRET_KEY; the
# demo keeps a random key in its data directory, the tests use a public one (befus.core.secretkey).
SECRET_KEY, BEFUS_SECRET_KEY_SOURCE = resolve_secret_key(
    configured=env("SECRET_KEY"),
    # The type checker (django-stubs) loads the settings too; it signs nothing.
    testing=TESTING or "mypy" in sys.modules,
    demo=DEMO,
    debug=DEBUG,
    data_dir=DATA_DIR,
    embedded_database=not env("DATABASE_URL"),
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, as its documentation requires
    "befus.core.apps.AdminConfig",  # django.contrib.admin with the audited site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "treebeard",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    # The platform's apps come before allauth so that their templates override allauth's.
    "befus.core",
    "befus.accounts",
    "befus.members",
    "befus.themes",
    "befus.networks",
    "befus.knowledge",
    "befus.interpellations",
    "befus.portal",
    "befus.demo",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # First, so that every answer carries the policy: error pages raised by the middleware too.
    "befus.core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (sessions, CSRF, forms).
    "befus.core.middleware.UploadLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "befus.core.middleware.RefuseNullBytesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "befus.accounts.middleware.RequireSecondFactorMiddleware",
]

ROOT_URLCONF = "befus.urls"
WSGI_APPLICATION = "befus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "befus.core.context_processors.platform",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'befus.sqlite3'}",
        # Tests close every connection, so that the test database can be dropped at the end.
        conn_max_age=0 if TESTING else int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web server read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds login throttling and MFA replay protection, so it must be shared between
# processes: the database by default, Redis when BEFUS_REDIS_URL is set.
# Kept pages (befus.core.pagecache) have a cache of their own, so that they never push login
# counters out: Redis too, or nothing shared without it (each process keeps its own few pages).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "pages",
        },
    }
    # Sessions are read from Redis first, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "befus_cache",
        },
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: e-mail is the login, verified before first use; MFA by TOTP.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[BeFUS] "
# allauth counts "ip" by BEFUS_FORWARDED_ALLOW_IPS too (befus.accounts.adapter). Its
# "login_failed" limit now guards only the second-factor step: password attempts are throttled
# by befus.accounts.throttle, which a stranger cannot turn into a lockout of the owner.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Password attempts (befus.accounts.throttle): the longest wait between two attempts from one
# connection on one account (seconds; it doubles from the fourth failure); failures per hour
# from one address before it is refused; failures per hour on one account from unknown devices
# before only devices that logged in before, or a second factor, get in.
BEFUS_LOGIN_MAX_DELAY = int(env("LOGIN_MAX_DELAY", "900"))
BEFUS_LOGIN_FAILURES_PER_ADDRESS = int(env("LOGIN_FAILURES_PER_ADDRESS", "30"))
BEFUS_LOGIN_FAILURES_PER_ACCOUNT = int(env("LOGIN_FAILURES_PER_ACCOUNT", "10"))
ACCOUNT_ADAPTER = "befus.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "befus.accounts.forms.LoginForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "BeFUS"

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
]
LANGUAGE_NAMES_NATIVE = {"nl": "Nederlands", "fr": "Français", "en": "English"}
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["befus.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# django-modeltranslation: names of municipalities exist in Dutch, French and German
# (Brussel / Bruxelles, Luik / Liège / Lüttich); English takes the French or Dutch form.
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "en", "de")
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("nl", "fr", "en", "de"),
    "fr": ("fr", "nl", "en", "de"),
    "en": ("en", "fr", "nl", "de"),
}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
# The demo and the tests serve static files from the apps (WHITENOISE_USE_FINDERS) and have no
# collected directory; production collects into STATIC_ROOT at ``befus serve``.
STATIC_ROOT: Path | None = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
if (TESTING or DEMO) and not env("STATIC_ROOT"):
    STATIC_ROOT = None
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG or DEMO
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Without collectstatic (the demo, the tests) whitenoise serves straight from the apps.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Pages hand their e-mails to the task queue (befus.core.mail); the queue delivers them with
# BEFUS_EMAIL_BACKEND.
EMAIL_BACKEND = "befus.core.mail.QueuedEmailBackend"
BEFUS_EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "BeFUS <no-reply@befus.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site as people reach it, for links in e-mails.
BEFUS_SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
ADMINS = [("Admin", address) for address in env_list("ADMINS")]

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or DEMO
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "befus.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not DEMO and not TESTING:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:
        # Turned off on purpose: the reverse proxy redirects to HTTPS (docs/deployment.md).
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files over 1 MB go to a temporary file rather than memory; a request larger than the
# most a form accepts (five attachments of 10 MB, befus.core.uploads, with the form's text) is
# refused before it is read (befus.core.middleware.UploadLimitMiddleware).
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
BEFUS_MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_BYTES", str(56 * 1024 * 1024)))
# Sent with every answer (befus.core.middleware.ContentSecurityPolicyMiddleware): scripts, styles
# and everything else from the site itself; pictures also as data: (the second factor's QR code).
BEFUS_CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # A Host header the site does not serve is a visitor's (or a scanner's) mistake, answered
        # with the 400 page: logged, never e-mailed to the admins as a server error.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}

# The demo accounts' password, printed by ``befus demo`` and listed in the README; production
# accounts never have it (the demo data is loaded only by ``befus demo``).
BEFUS_DEMO_PASSWORD = "befus-demo-2026"  # noqa: S105

# How long a page is kept in the cache (befus.core.pagecache; 0 turns the page cache off), and
# how often each server process rereads whether the content changed (seconds).
BEFUS_PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0" if TESTING else "300"))
BEFUS_PAGE_CACHE_FRESHNESS = float(env("PAGE_CACHE_FRESHNESS", "2"))

# Requests to the networks (befus.interpellations): the target date in Belgian working days, how
# long personal data and tracking links live after a request is closed, and the public form's
# limits per connection and per e-mail address (submissions per hour).
BEFUS_REQUEST_WORKING_DAYS = int(env("REQUEST_WORKING_DAYS", "15"))
BEFUS_REQUEST_RETENTION_DAYS = int(env("REQUEST_RETENTION_DAYS", "730"))
BEFUS_REQUEST_RATE_PER_ADDRESS = int(env("REQUEST_RATE_PER_ADDRESS", "5"))
BEFUS_REQUEST_RATE_PER_EMAIL = int(env("REQUEST_RATE_PER_EMAIL", "3"))
# The proxies (addresses or networks, as gunicorn's forwarded_allow_ips) whose X-Forwarded-For
# names the visitor, for every limit by address (befus.core.ratelimit.client_address).
BEFUS_FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
