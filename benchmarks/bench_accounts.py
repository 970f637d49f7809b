"""Sign-up and password reset take the same time whether an account exists or not.

Times the sign-up page (POST) for a new address and username (the baseline), for an address that
already has an account, and for a taken username; then the password-reset page for a known and an
unknown address. Real settings (the production password hasher), a fresh SQLite database in a
temporary folder, e-mail kept in memory. Prints the median and the 90th percentile per case and
each case's median as a ratio of the baseline measured in the same run: a ratio near 1.0 is what
keeps the answer from leaking through timing. One password hash alone is printed for scale: it is
the gap a sign-up would show if the known-address path skipped the hash.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_accounts.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def setup():
    os.environ["LINTAS_DATA_DIR"] = tempfile.mkdtemp(prefix="lintas-bench-")
    os.environ["LINTAS_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from lintas.core.models import Organisation, User

    settings.ALLOWED_HOSTS = ["*"]
    Organisation.objects.create(
        slug="gxu", name="Guangxi University", type="university", country="CN"
    )
    existing = User.objects.create_user(
        username="existing", email="existing@example.org", password="a-Long-pass-1234"
    )
    password = "a-Long-pass-1234"

    def signup(username, email):
        response = Client().post(
            reverse("core:signup"),
            {
                "username": username,
                "email": email,
                "organisation": "gxu",
                "role": "provider",
                "password1": password,
                "password2": password,
            },
        )
        assert response.status_code == 200 and b"Check your e-mail" in response.content

    def reset(email):
        response = Client().post(reverse("core:password_reset"), {"email": email})
        assert response.status_code == 302

    signup("warmup", "warmup@example.org")  # imports, template and catalogue loading
    from django.contrib.auth.hashers import make_password

    names = ("new", "address", "username", "reset-known", "reset-unknown", "hash")
    times = {name: [] for name in names}
    for i in range(args.rounds):  # interleaved, so machine load hits every case alike
        times["new"].append(timed(lambda i=i: signup(f"new{i}", f"new{i}@example.org")))
        times["address"].append(timed(lambda i=i: signup(f"other{i}", existing.email)))
        times["username"].append(timed(lambda i=i: signup("existing", f"fresh{i}@example.org")))
        times["reset-known"].append(timed(lambda: reset(existing.email)))
        times["reset-unknown"].append(timed(lambda i=i: reset(f"nobody{i}@example.org")))
        times["hash"].append(timed(lambda: make_password(password)))

    def p90(values):
        return sorted(values)[max(0, int(len(values) * 0.9) - 1)]

    base = {
        "sign-up": statistics.median(times["new"]),
        "reset": statistics.median(times["reset-known"]),
    }
    print(f"hasher {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}, {args.rounds} rounds")
    print(f"{'case':<34}{'median ms':>10}{'p90 ms':>9}{'× baseline':>12}")
    rows = [
        ("sign-up, new address (baseline)", "new", "sign-up"),
        ("sign-up, address has an account", "address", "sign-up"),
        ("sign-up, username taken", "username", "sign-up"),
        ("reset, known address (baseline)", "reset-known", "reset"),
        ("reset, unknown address", "reset-unknown", "reset"),
        ("(one password hash alone)", "hash", "sign-up"),
    ]
    for label, key, group in rows:
        median = statistics.median(times[key])
        print(f"{label:<34}{median:>10.1f}{p90(times[key]):>9.1f}{median / base[group]:>12.2f}")


if __name__ == "__main__":
    main()
