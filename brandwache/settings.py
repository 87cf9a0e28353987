"""Django settings for Brandwache, every value from the environment with a safe default.

The embedded default needs nothing but this repository: an SQLite file and the
generated secret key live under `var/`, mail goes to the console.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from brandwache.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("BRANDWACHE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
PORT = env_int("PORT", 8000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "brandwache.audit",
    "brandwache.contacts",
    "brandwache.cases",
    "brandwache.intake",
    "brandwache.web",
    "brandwache.public",
    "brandwache.demo",
    "brandwache.privacy",
    "brandwache.sla",
    "brandwache.routing",
    "brandwache.notifications",
    "brandwache.updates",
    "brandwache.triage",
    "brandwache.answers",
    "brandwache.playbook",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "brandwache.urls"
WSGI_APPLICATION = "brandwache.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'brandwache.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:inbox"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Zurich")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("MEDIA_ROOT", str(VAR_DIR / "media"))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Mail: the console in the embedded default, SMTP once EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if EMAIL_HOST
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            "host": EMAIL_HOST,
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        }
        if EMAIL_HOST
        else {},
    }
}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Brandwache <service@brandwache.localhost>")
# The domain part of the Message-IDs Brandwache writes, so replies thread back.
BRANDWACHE_MESSAGE_ID_DOMAIN = env_str("MESSAGE_ID_DOMAIN", "brandwache.localhost")
BRANDWACHE_SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{PORT}")
# `brandwache serve`: where to listen, whether to run the task worker next to the web
# server (the embedded default) and to load the demo data on first start.
BRANDWACHE_BIND = env_str("BIND", f"127.0.0.1:{PORT}")
BRANDWACHE_EMBEDDED_WORKER = env_bool("BRANDWACHE_EMBEDDED_WORKER", True)
BRANDWACHE_DEMO = env_bool("BRANDWACHE_DEMO", True)

# Intake limits: anything larger is kept raw and refused with a reason.
BRANDWACHE_MAX_MESSAGE_BYTES = env_int("MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
BRANDWACHE_MAX_ATTACHMENT_BYTES = env_int("MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
BRANDWACHE_MAX_TEXT_CHARS = env_int("MAX_TEXT_CHARS", 200_000)
BRANDWACHE_WEBFORM_RATE_LIMIT = env_int("WEBFORM_RATE_LIMIT", 5)
BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS = env_int("WEBFORM_RATE_WINDOW_SECONDS", 600)
BRANDWACHE_WEBFORM_MAX_ATTACHMENTS = env_int("WEBFORM_MAX_ATTACHMENTS", 5)
# Case categories, offered on the public form and the case page; "key=Label" gives an own
# label, known keys are translated. COMPLAINT_CATEGORIES is the variable's former name.
BRANDWACHE_CATEGORIES = env_list(
    "CATEGORIES",
    env_list("COMPLAINT_CATEGORIES", ["billing", "delivery", "product", "service", "other"]),
)
# Triage of inbound messages (language, relevance, sentiment, kind, category, urgency) in the
# background; its category is put on a case without one when at least this sure (percent).
BRANDWACHE_TRIAGE = env_bool("TRIAGE", True)
BRANDWACHE_TRIAGE_CATEGORY_CONFIDENCE = env_int("TRIAGE_CATEGORY_CONFIDENCE", 60) / 100
# Folder of the triage model (`brandwache train` writes one); empty: the shipped model.
BRANDWACHE_TRIAGE_MODEL = env_str("TRIAGE_MODEL", "")
# Linked from the privacy note on the public form when set.
BRANDWACHE_PRIVACY_URL = env_str("PRIVACY_URL", "")
# Short personal updates to the customer when a case is received, gets a named person,
# waits on a third party or is resolved; at most one per case within the interval
# (minutes), except the one saying it is resolved. The name signs them and fills
# {organisation} in their templates.
BRANDWACHE_CUSTOMER_UPDATES = env_bool("CUSTOMER_UPDATES", True)
BRANDWACHE_UPDATE_MIN_INTERVAL = env_int("UPDATE_MIN_INTERVAL", 60)
BRANDWACHE_ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Brandwache")
# Service levels: how often the worker looks for due reminders and escalations (seconds),
# and which channels are public threads (policies can apply to public or private ones).
BRANDWACHE_SLA_INTERVAL = env_int("SLA_INTERVAL", 30)
BRANDWACHE_PUBLIC_CHANNELS = env_list(
    "PUBLIC_CHANNELS",
    ["facebook", "instagram", "x", "mastodon", "tiktok", "youtube", "reviews", "forum"],
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "brandwache_cache",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Presidio says at INFO level which recognisers it fetches, once per analysed text.
    "loggers": {"presidio-analyzer": {"level": "WARNING"}},
}
