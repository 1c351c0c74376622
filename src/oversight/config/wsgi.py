"""WSGI entry point: `gunicorn oversight.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from oversight.cli import private_files

private_files()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")

application = get_wsgi_application()
