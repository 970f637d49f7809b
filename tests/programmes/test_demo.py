from lintas.demo import loader
from lintas.demo.programmes import DATA, load_programmes
from lintas.programmes.models import Application, Call, Host, Participant, Reviewer


def test_demo_loads_and_is_idempotent(db):
    if not DATA.exists():
        import pytest

        pytest.skip("demo/data/programmes.json not present")
    loader.load_organisations()
    first = load_programmes(log=lambda *a: None)
    counts = (Call.objects.count(), Host.objects.count(), Application.objects.count(),
              Reviewer.objects.count(), Participant.objects.count())  # fmt: skip
    second = load_programmes(log=lambda *a: None)
    assert first == second
    assert counts == (Call.objects.count(), Host.objects.count(), Application.objects.count(),
                      Reviewer.objects.count(), Participant.objects.count())  # fmt: skip
    assert first["programme_applications"] == Application.objects.count() > 0
    assert Host.objects.count() > 0
    # Accepted applicants hold a certificate that verifies publicly.
    from django.test import Client

    from lintas.programmes.models import Certificate

    certificate = Certificate.objects.get()
    assert first["programme_certificates"] == 1
    assert certificate.issuer == "China–ASEAN Technology Transfer Center"
    assert Client().get(certificate.get_absolute_url()).status_code == 200


def test_demo_loader_registered():
    assert load_programmes in loader.LOADERS
