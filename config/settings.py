"""One settings module, read from environment variables. SQLite unless DATABASE_URL says otherwise."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting. A value it cannot read is refused, not taken as false."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1 or 0, true or false, yes or no, on or off"
    )


def env_number(name: str, default: float, *, minimum: float = 0) -> float:
    """A number of seconds, bytes or times. A value it cannot read, or below `minimum`, is refused."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is below {minimum:g}")
    return number


DEBUG = env_bool("DEBUG", True)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development default is refused when DEBUG=0.")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks.backends.database",
    "authorities",
    "inspections",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "config.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }

# What is the same for everyone (the findings explorer's facet counts of a filter set) is cached in
# the database's table `django_cache`, made by `migrate`: every gunicorn worker (and every machine
# that shares the database) reads what one counted, with no service to run and nothing to lose on a
# restart; entries are filed under the data version (inspections/data_version.py), so a write
# makes the old ones unreachable at once, and the oldest go past MAX_ENTRIES or after a day. The
# backend is Django's, but a page never waits for another writer to reach it (config/cache.py).
CACHES = {
    "default": {
        "BACKEND": "config.cache.DatabaseCacheThatDoesNotWait",
        "LOCATION": "django_cache",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages installed by npm (make assets), served by WhiteNoise under static/vendor/.
# GOV.UK Frontend's JavaScript comes from the package; its CSS is compiled by `npm run build:css`
# (static/scss/app.scss -> static/css/app.css) without the GDS Transport font.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/govuk-frontend", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    # The same Chart.js as CHARTJS_URL, loaded by static/js/charts.js when that address fails.
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# Chart.js is loaded in the browser from a CDN, pinned with its SRI hash. CHARTJS_URL points it
# elsewhere (a self-hosted copy on a closed network; a local copy in tests). An empty
# CHARTJS_INTEGRITY leaves the integrity attribute out, for a copy whose hash differs.
CHARTJS_URL = os.environ.get("CHARTJS_URL", "https://cdn.jsdelivr.net/npm/chart.js@4.4.7/dist/chart.umd.js")
CHARTJS_INTEGRITY = os.environ.get(
    "CHARTJS_INTEGRITY", "sha384-zYPBGXwO4633CABX/5Spf6emCKUJCfoOkhOMYyxMsatqQZPnDblmmOewfjsIVWCM"
)

# Content Security Policy on every page (django-csp): scripts only from this site's static files
# and Chart.js at CHARTJS_URL; no inline script, event handler or style; nothing framed, no
# plug-ins, forms only to this site. The original documents keep their own stricter "sandbox".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *([CHARTJS_URL] if urlsplit(CHARTJS_URL).netloc else [])],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Largest document an admin may upload, ingest or sync: refused from its size before it is read
# (README, "Limits"). An upload over FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file, written
# no further than MAX_DOCUMENT_BYTES; a request's other fields may hold DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_DOCUMENT_BYTES = int(os.environ.get("MAX_DOCUMENT_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "dashboard.uploads.DocumentSizeUploadHandler",
]

# The theme and polarity model `build_theme_model` writes and ingest applies.
THEME_MODEL = Path(os.environ.get("THEME_MODEL", BASE_DIR / "var" / "theme-model.json"))

# Processes that parse documents while the ingest command stores them (0: parse in-process).
INGEST_WORKERS = int(os.environ.get("INGEST_WORKERS", str(min(os.cpu_count() or 1, 4))))

# Each document is parsed in a child process that is stopped after PARSE_TIME_LIMIT seconds and
# may take PARSE_MEMORY_LIMIT bytes beyond the parser's own; the document then fails saying so.
PARSE_TIME_LIMIT = env_number("PARSE_TIME_LIMIT", 60.0, minimum=0.01)
PARSE_MEMORY_LIMIT = int(env_number("PARSE_MEMORY_LIMIT", 1024**3, minimum=16 * 1024**2))

# Uploads are read by a background worker (`manage.py db_worker`), never in the web request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}

# Ofsted's reports site, which `sync_ofsted` reads (tests point it at a local stand-in). Between
# two requests it waits OFSTED_REQUEST_DELAY seconds; each request times out after
# OFSTED_REQUEST_TIMEOUT seconds and is tried OFSTED_RETRIES more times (after 429, 5xx, a
# timeout), waiting OFSTED_RETRY_BACKOFF seconds, doubled each time. Its User-Agent names the
# product and OFSTED_SYNC_CONTACT, where Ofsted can reach whoever runs this deployment (a page or
# mailto: address; by default the deployment's own address). A file over MAX_DOCUMENT_BYTES is
# not read past that size.
OFSTED_REPORTS_URL = os.environ.get("OFSTED_REPORTS_URL", "https://reports.ofsted.gov.uk/").rstrip("/") + "/"
OFSTED_REQUEST_DELAY = env_number("OFSTED_REQUEST_DELAY", 1.0)
OFSTED_REQUEST_TIMEOUT = env_number("OFSTED_REQUEST_TIMEOUT", 30.0, minimum=0.1)
OFSTED_RETRIES = int(env_number("OFSTED_RETRIES", 3))
OFSTED_RETRY_BACKOFF = env_number("OFSTED_RETRY_BACKOFF", 5.0)
OFSTED_SYNC_CONTACT = os.environ.get("OFSTED_SYNC_CONTACT") or "https://{}/".format(
    next((host.lstrip(".") for host in ALLOWED_HOSTS if host not in ("*", "")), "localhost")
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "upload"
LOGOUT_REDIRECT_URL = "home"

# Signing in (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, that account
# cannot sign in for LOGIN_LOCKOUT_MINUTES, whatever the password; each failure and lock-out is
# logged (axes.*), and `python manage.py axes_reset_username NAME` unlocks it sooner. Counted per
# account, not per address: behind a proxy every visitor would share one address. Passwords keep
# Django's default hashing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = [
    "axes.W006",  # it asks for the address too; see above why not
    # The findings' `finding_theme_count` index includes their id for PostgreSQL's index-only reads;
    # SQLite's rowid is in every index already, and it warned of the rest on every command.
    "models.W040",
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = []  # the log names the account and address (never the password)

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Errors of requests (django.request) and what the product decides while it ingests, syncs and
# merges (its own loggers, at LOG_LEVEL: INFO shows every decision) go to the console.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        **{app: {"level": LOG_LEVEL} for app in ("authorities", "inspections", "dashboard")},
    },
}
