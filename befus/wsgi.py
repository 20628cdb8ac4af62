"""The WSGI application that gunicorn serves (``befus serve``, ``befus demo``) or any WSGI server.

Importing it loads the settings, which refuse to start in production without a strong
``BEFUS_SECRET_KEY`` (``befus.core.secretkey``): this entry point is guarded like the others.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "befus.settings")
application = get_wsgi_application()
