"""Django settings for Brandwache, every value from the environment with a safe default.

The embedded default needs nothing but this repository: an SQLite file and the
generated secret key live under `var/`, mail is kept as files in `var/mail/`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from brandwache.env import (
    database_from_url,
    env_bool,
    env_header,
    env_int,
    env_list,
    env_networks,
    env_str,
    secret_key,
)
from brandwache.privatefiles import private_folder, sqlite_files, tighten

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = private_folder(Path(env_str("BRANDWACHE_VAR_DIR", str(BASE_DIR / "var"))))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
PORT = env_int("PORT", 8000)

INSTALLED_APPS = [
    "brandwache.accounts.adminsite.AdminConfig",  # Django's admin, with our login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "brandwache.accounts",
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
    "brandwache.organisations",
    "brandwache.listening",
    "brandwache.ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# Logins (brandwache/accounts/README.md): failed logins count per user name and client
# address; at LOGIN_FAILURE_LIMIT that pair is locked out for LOGIN_COOLOFF_MINUTES after
# its last failure (0: until an admin unlocks it), refused before any password is hashed.
# A successful login resets the count. Wrong codes of the second step count the same way.
AUTHENTICATION_BACKENDS = [
    "brandwache.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
BRANDWACHE_LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = (
    timedelta(minutes=BRANDWACHE_LOGIN_COOLOFF_MINUTES)
    if BRANDWACHE_LOGIN_COOLOFF_MINUTES > 0
    else None
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "brandwache.client.client_ip"
AXES_LOCKOUT_CALLABLE = "brandwache.accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]  # masked in its logs
AXES_VERBOSE = False
# Failed logins per client address (any user names) within 15 minutes; past it the address
# is refused before any password is hashed, so trying many user names cannot stall the server.
BRANDWACHE_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
# Two-factor login with an authenticator app (TOTP); required for the admin site's
# staff and superusers when OTP_REQUIRED_FOR_ADMINS (off only for the embedded demo).
BRANDWACHE_OTP_REQUIRED_FOR_ADMINS = env_bool("OTP_REQUIRED_FOR_ADMINS", False)
OTP_TOTP_ISSUER = "Brandwache"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

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
# Attachments and everything under var/ are for Brandwache's own user only (the entry points
# set umask 077; Django would otherwise make uploads 0644). What an older version left
# readable by others is tightened here.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
tighten(
    [
        VAR_DIR,
        Path(STORAGES["default"]["OPTIONS"]["location"]),
        *sqlite_files(DATABASES["default"]),
    ]
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: off in the embedded default (plain HTTP on loopback); see docs/operations.md.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Only when a proxy in front sets it and strips it from what clients send.
SECURE_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER", "https")
# Proxies whose X-Forwarded-For is believed (brandwache/client.py); empty: none.
BRANDWACHE_TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# Every script and style is a static file: no inline code, no other origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Mail: kept as files in the private folder var/mail/ in the embedded default (never printed,
# so no customer's mail ends up in a log), SMTP once EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if EMAIL_HOST
            else "brandwache.mailfolder.EmailBackend",
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
# A customer's status link works for this many days after it was mailed (0: for ever); on an
# expired link the customer asks for a new one, which goes to the case's e-mail address.
BRANDWACHE_STATUS_LINK_DAYS = env_int("STATUS_LINK_DAYS", 90)
# Short personal updates to the customer when a case is received, gets a named person,
# waits on a third party or is resolved; at most one per case within the interval
# (minutes), except the one saying it is resolved. The name signs them and fills
# {organisation} in their templates.
BRANDWACHE_CUSTOMER_UPDATES = env_bool("CUSTOMER_UPDATES", True)
BRANDWACHE_UPDATE_MIN_INTERVAL = env_int("UPDATE_MIN_INTERVAL", 60)
BRANDWACHE_ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Brandwache")
# The organisation's own handles ("@AlpenbahnAG,@Alpenbahn_Hilfe"): never masked as personal.
BRANDWACHE_ORGANISATION_HANDLES = env_list("ORGANISATION_HANDLES", [])
# Listening: a public thread alerts the Pate of this topic once its escalation risk (0-100)
# reaches this value, and again only after it has calmed down below it minus 20.
BRANDWACHE_THREAD_ALERT_RISK = env_int("THREAD_ALERT_RISK", 60)
BRANDWACHE_THREAD_ALERT_TOPIC = env_str("THREAD_ALERT_TOPIC", "public")
# Service levels: how often the worker looks for due reminders and escalations (seconds),
# and which channels are public threads (policies can apply to public or private ones).
BRANDWACHE_SLA_INTERVAL = env_int("SLA_INTERVAL", 30)
BRANDWACHE_PUBLIC_CHANNELS = env_list(
    "PUBLIC_CHANNELS",
    ["facebook", "instagram", "x", "mastodon", "tiktok", "youtube", "reviews", "forum"],
)
# Listening: how often the worker polls the due listening sources and checks for spikes
# (seconds; each source keeps its own interval and backoff); 0 leaves it to `listen --once`.
BRANDWACHE_LISTEN_INTERVAL = env_int("LISTEN_INTERVAL", 60)
# Workers (docs/operations.md): a task whose worker has not been seen for the lease (seconds)
# is run again, at most TASK_ATTEMPTS times in all; a reply held by a worker for longer is
# sent again (same Message-ID). A reply the mail server refuses for now (no connection, 4xx)
# is tried DELIVERY_ATTEMPTS times in all, with growing pauses, before it shows as failed.
BRANDWACHE_TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 120)
BRANDWACHE_TASK_ATTEMPTS = env_int("TASK_ATTEMPTS", 3)
BRANDWACHE_DELIVERY_ATTEMPTS = env_int("DELIVERY_ATTEMPTS", 5)
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
    # No e-mail address, status link or receipt in the output (brandwache/logs.py).
    "formatters": {"private": {"()": "brandwache.logs.PrivateFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "private"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Presidio says at INFO level which recognisers it fetches, once per analysed text.
        "presidio-analyzer": {"level": "WARNING"},
        # Django's development server logs every request line: through the same formatter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
