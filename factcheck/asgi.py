"""ASGI entry point: uvicorn serves the live-update streams (/stream/), and `make run` serves
the whole app with it. See README, "Deployment at scale", for the process types."""

import os
import warnings

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# WhiteNoise hands Django file iterators that are synchronous; under ASGI Django reads them in a
# thread and warns on every static file. Harmless (and production can serve /static/ from the
# WSGI processes or the proxy): keep the log readable.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous")
application = get_asgi_application()
