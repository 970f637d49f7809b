"""Production settings plus two routes that fail on purpose (tests of logs and timeouts)."""

from lintas.settings import *  # noqa: F403

ROOT_URLCONF = "tests.ops.boom_urls"
