"""Settings for Oversight, read from the environment.

SQLite (write-ahead log) is the default and needs no set-up; set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("OVERSIGHT_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("OVERSIGHT_DEMO", False)
PRODUCTION = os.environ.get("OVERSIGHT_ENV", "development") == "production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when OVERSIGHT_ENV=production")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost").split(",")
    if h.strip()
]
if PRODUCTION and not ALLOWED_HOSTS:
    raise RuntimeError("ALLOWED_HOSTS must be set when OVERSIGHT_ENV=production")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "oversight.accounts.admin_apps.OversightAdminConfig",  # for operators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "oversight.accounts",
    "oversight.inspections",
    "oversight.recommendations",
    "oversight.papers",
    "oversight.dashboards",
    "oversight.ingest",
    "oversight.api",
    "oversight.reminders",
    "oversight.demo",
    "oversight.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "oversight.ops.middleware.DatabaseUnavailableMiddleware",  # 503, never a trace
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oversight.config.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "oversight.ops.uploads.UploadLimitMiddleware",  # 413 from Content-Length, before reading
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "oversight.config.middleware.SecurityHeadersMiddleware",
    "oversight.config.middleware.BadParameterMiddleware",  # 400 with its message, never 500
    "oversight.api.strict.StrictApiParametersMiddleware",  # undocumented API parameters: 400
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "oversight.accounts.backends.OversightModelBackend",  # reads the organisation with the person
]
AXES_FAILURE_LIMIT = int(os.environ.get("OVERSIGHT_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("OVERSIGHT_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

ROOT_URLCONF = "oversight.config.urls"
WSGI_APPLICATION = "oversight.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "oversight.config.jinja2.environment",
            "autoescape": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_SQLITE_PATH = VAR_DIR / "oversight.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"),
        # Each worker keeps its connection between requests (a minute; checked before reuse
        # after an error): opening one per request was an eighth of a page's time under load.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # the record: a folder and a file only the app's own user can read (see cli.private_files)
    Path(DATABASES["default"]["NAME"]).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # read only: upgraded on next sign-in
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "build" / "static"]
# Evidence files and Word templates: on local disk under MEDIA_ROOT by default; on
# S3-compatible object storage (AWS S3, MinIO, Ceph …) when OVERSIGHT_S3_BUCKET is set, so
# several app servers share them. The bucket stays private: files are only ever read back
# through the permission-checking download view, never by a public or signed URL.
S3_BUCKET = os.environ.get("OVERSIGHT_S3_BUCKET", "")
DEFAULT_STORAGE: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("OVERSIGHT_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("OVERSIGHT_S3_REGION") or None,
            "access_key": os.environ.get("OVERSIGHT_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("OVERSIGHT_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("OVERSIGHT_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "file_overwrite": False,  # a second file of the same name never replaces the first
            "object_parameters": {"ServerSideEncryption": "AES256"}
            if env_bool("OVERSIGHT_S3_ENCRYPT", True)
            else {},
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("OVERSIGHT_MEDIA_ROOT", VAR_DIR / "evidence"))
# Evidence is never served as static files: only through the permission-checking download view.
MEDIA_URL = "/_not-served/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (django-tasks): a large import runs off the request, in `oversight db_worker`
# (started by `oversight serve` beside gunicorn unless OVERSIGHT_TASK_WORKER=0; on several
# machines, run it as its own service). Tasks are rows in the database, so any number of app
# servers share one queue, and two workers never take the same task.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("OVERSIGHT_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# How far a background import has got: written by the worker outside the import's transaction,
# read by the page. A file cache in var/ by default (one machine); any Django cache URL shared
# by the machines otherwise.
# With OVERSIGHT_REDIS_URL (redis://host:6379/0), both are one Redis that every app server
# shares: the register's and dashboard's cached figures, and an import's progress.
REDIS_URL = os.environ.get("OVERSIGHT_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "oversight",
        },
        "progress": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "oversight-progress",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "progress": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "progress"),
        },
    }
OVERSIGHT_PROGRESS_CACHE = "progress"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Signed out after this long without a request (every request moves the expiry on).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("OVERSIGHT_SESSION_IDLE_MINUTES", "60"))
# The expiry is moved on by oversight.config.middleware.SlidingSessionMiddleware at most once a
# minute, not on every request: a write on every page serialises readers behind one another.
SESSION_TOUCH_SECONDS = int(os.environ.get("OVERSIGHT_SESSION_TOUCH_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

OVERSIGHT_SERVICE_NAME = "Oversight"
OVERSIGHT_PHASE = os.environ.get("OVERSIGHT_PHASE", "Beta")
OVERSIGHT_REGISTER_PAGE_SIZE = int(os.environ.get("OVERSIGHT_REGISTER_PAGE_SIZE", "25"))
OVERSIGHT_DEFAULT_REVIEW_CYCLE_MONTHS = 3
OVERSIGHT_EVIDENCE_MAX_BYTES = int(os.environ.get("OVERSIGHT_EVIDENCE_MAX_MB", "25")) * 1024 * 1024
OVERSIGHT_IMPORT_MAX_BYTES = int(os.environ.get("OVERSIGHT_IMPORT_MAX_MB", "20")) * 1024 * 1024
OVERSIGHT_UPDATE_MAX_FILES = int(os.environ.get("OVERSIGHT_UPDATE_MAX_FILES", "5"))
OVERSIGHT_TEMPLATE_MAX_BYTES = 10 * 1024 * 1024  # a Word template for committee papers

# Uploads (oversight/ops/uploads.py): bodies over their page's limit are refused from their
# Content-Length before they are read; files past their limit are dropped as they come;
# temporary files go to a folder of the app's own, are created 0600, and are swept when the
# process that wrote them is gone.
FILE_UPLOAD_HANDLERS = [
    "oversight.ops.uploads.FileLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "oversight.ops.uploads.OwnedTemporaryFileUploadHandler",
]
FILE_UPLOAD_TEMP_DIR = Path(os.environ.get("OVERSIGHT_UPLOAD_TEMP_DIR", VAR_DIR / "uploads"))
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600  # evidence and templates: readable by the app only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
FORMS_URLFIELD_ASSUME_HTTPS = True

# Single sign-on with OpenID Connect (mozilla-django-oidc; Microsoft Entra ID or any provider).
# Off unless a client and the provider are configured: see "Signing in" in README.md.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
# The provider's discovery document (…/.well-known/openid-configuration) or its endpoints.
OIDC_OP_DISCOVERY = os.environ.get("OIDC_OP_DISCOVERY", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT_SECONDS", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and OIDC_RP_CLIENT_SECRET
    and (
        OIDC_OP_DISCOVERY
        or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_JWKS_ENDPOINT)
    )
)
try:
    # {"<group id or name>": {"organisation": "<organisation slug>", "role": "liaison"}, …}
    OVERSIGHT_OIDC_GROUP_MAP = json.loads(os.environ.get("OVERSIGHT_OIDC_GROUP_MAP") or "{}")
except json.JSONDecodeError as exc:
    raise RuntimeError(f"OVERSIGHT_OIDC_GROUP_MAP is not valid JSON: {exc}") from exc
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("oversight.accounts.oidc.OversightOIDCBackend")

# Two-step verification (TOTP) for people who sign in with a password.
OVERSIGHT_TOTP_ISSUER = os.environ.get("OVERSIGHT_TOTP_ISSUER", OVERSIGHT_SERVICE_NAME)
OVERSIGHT_TWO_FACTOR_PENDING_MINUTES = 10

# The REST API (oversight.api): personal API tokens or the browser session; see docs/api.md.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "oversight.api.authentication.BearerTokenAuthentication",
        "oversight.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["oversight.api.permissions.SignedInReadOnlyForViewers"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "oversight.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "oversight.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Oversight API",
    "DESCRIPTION": "Read the record of inspections, reports, recommendations and responses; "
    "add updates, evidence and reviews. Authenticate with a personal API token.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_AUTHENTICATION": None,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "RagEnum": "oversight.rules.rag.Rag",
        "ProposedRagEnum": "oversight.api.serializers.PROPOSABLE_RAG",
        "RagFilterEnum": "oversight.api.filters.RAG_FILTER_CHOICES",
        "StatusFilterEnum": "oversight.api.filters.STATUS_FILTER_CHOICES",
        "PrecisionEnum": "oversight.rules.partial_dates.Precision",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "oversight.api.schema_hooks.add_error_answers",
    ],
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 10**15 - 1}},
}

# Reminders (`oversight remind`, run daily): see docs/reminders.md.
# The address people open Oversight at; the links in e-mails start with it.
# Run as at a fixed day (YYYY-MM-DD): every rule reads it as today (oversight.clock). For the
# demo only (`make demo` sets the demo's own day); a system check warns wherever it is set.
OVERSIGHT_TODAY = (
    datetime.date.fromisoformat(os.environ["OVERSIGHT_TODAY"])
    if os.environ.get("OVERSIGHT_TODAY")
    else None
)

OVERSIGHT_BASE_URL = os.environ.get(
    "OVERSIGHT_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")
OVERSIGHT_REMIND_DUE_SOON_DAYS = int(os.environ.get("OVERSIGHT_REMIND_DUE_SOON_DAYS", "14"))
OVERSIGHT_REMIND_OVERDUE_EVERY_DAYS = int(
    os.environ.get("OVERSIGHT_REMIND_OVERDUE_EVERY_DAYS", "7")
)
OVERSIGHT_REMIND_REVIEW_EVERY_DAYS = int(os.environ.get("OVERSIGHT_REMIND_REVIEW_EVERY_DAYS", "7"))
OVERSIGHT_REMIND_STALE_DAYS = int(os.environ.get("OVERSIGHT_REMIND_STALE_DAYS", "90"))
OVERSIGHT_REMIND_WEEKLY_DAY = os.environ.get("OVERSIGHT_REMIND_WEEKLY_DAY", "monday")
OVERSIGHT_EMAIL_MARKING = os.environ.get("OVERSIGHT_EMAIL_MARKING", "OFFICIAL-SENSITIVE")
# E-mail through SMTP when a host is set (or in production); printed to the console otherwise.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Oversight <oversight@localhost>")
