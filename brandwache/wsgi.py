"""The WSGI application, for gunicorn (`brandwache serve`) or any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from brandwache.privatefiles import keep_private

keep_private()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandwache.settings")
application = get_wsgi_application()
