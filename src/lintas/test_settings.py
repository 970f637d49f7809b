"""Settings for the test suite: a temporary data folder, fast hashing, eager Celery, locmem mail."""

import os
import tempfile

os.environ.setdefault("LINTAS_DATA_DIR", tempfile.mkdtemp(prefix="lintas-test-"))
os.environ.setdefault("LINTAS_ENCODER", "e5")

from lintas.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The suite sends hundreds of API requests a minute from one address; the throttle's own tests
# (tests/integrations/test_throttling.py) set the rates they test.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/minute", "user": "100000/minute"},
}
