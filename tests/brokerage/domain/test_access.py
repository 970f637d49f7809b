"""brokerage.domain.access: who sees what of a deal, and the audit of it."""

import pytest

from lintas.catalogue.domain import access as profile_access
from lintas.core.models import AuditEntry


@pytest.mark.django_db
def test_confidential_view_by_introduced_party_is_audited(introduced, seeker, offer):
    before = AuditEntry.objects.filter(action="view").count()
    assert profile_access.can_see_confidential(seeker, offer)
    entries = AuditEntry.objects.filter(action="view", actor=seeker)
    assert entries.count() == before + 1
    assert entries.first().target == offer
