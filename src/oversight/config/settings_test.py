"""Settings for the test suite: plain static storage (the live server cannot serve hashed names)."""

import os

os.environ.setdefault("OVERSIGHT_DEV", "1")

from oversight.config.settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEMO_MODE = True
