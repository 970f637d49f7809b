import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lintas.programmes.domain import applications
from lintas.programmes.models import Application, ApplicationDocument
from tests.programmes.conftest import RICE, make_application, not_pdf, pdf

DATA = {
    "full_name": "Putu Ayu",
    "birth_date": dt.date(1990, 5, 1),
    "nationality": "ID",
    "degree": "phd",
    "proposal": "Salt tolerant rice.",
    "publications": [RICE],
    "months": 12,
}


def test_save_draft_creates_application(call, seeker):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    assert (app.status, app.full_name, app.publications) == ("draft", "Putu Ayu", [RICE])


def test_save_draft_late_rejected_nothing_saved(call, seeker):
    call.deadline = timezone.now() - dt.timedelta(hours=1)
    call.save()
    with pytest.raises(ValidationError) as err:
        applications.save_draft(user=seeker, call=call, data=DATA)
    assert "This call is closed: the deadline was" in err.value.messages[0]
    assert Application.objects.count() == 0


def test_save_draft_publication_without_title_rejected(call, seeker):
    with pytest.raises(ValidationError) as err:
        applications.save_draft(
            user=seeker, call=call, data=DATA | {"publications": [{"abstract": "x"}]}
        )
    assert err.value.messages == ["Every publication needs a title."]
    assert Application.objects.count() == 0


def test_submit_missing_documents_names_them(call, seeker):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    with pytest.raises(ValidationError) as err:
        applications.submit(user=seeker, application=app)
    assert err.value.messages == ["Missing document: CV."]
    app.refresh_from_db()
    assert app.status == "draft"


def test_submit_too_old_gives_clear_message(call, seeker):
    app = applications.save_draft(
        user=seeker, call=call, data=DATA | {"birth_date": dt.date(1979, 6, 1)}
    )
    applications.add_document(user=seeker, application=app, kind="cv", upload=pdf())
    with pytest.raises(ValidationError) as err:
        applications.submit(user=seeker, application=app)
    assert err.value.messages == ["Applicants must be 45 or younger on 2027-03-31; you are 47."]


def test_submit_complete_application(call, seeker):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    applications.add_document(user=seeker, application=app, kind="cv", upload=pdf())
    applications.submit(user=seeker, application=app)
    app.refresh_from_db()
    assert app.status == "submitted"
    assert app.submitted_at is not None


def test_submit_after_deadline_rejected(call, seeker):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    applications.add_document(user=seeker, application=app, kind="cv", upload=pdf())
    call.deadline = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    app.refresh_from_db()
    with pytest.raises(ValidationError):
        applications.submit(user=seeker, application=app)
    app.refresh_from_db()
    assert app.status == "draft"


def test_add_document_wrong_type_rejected(call, seeker):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    with pytest.raises(ValidationError) as err:
        applications.add_document(user=seeker, application=app, kind="cv", upload=not_pdf())
    assert err.value.messages == ["Only PDF, PNG, JPEG and WebP files can be attached."]
    assert ApplicationDocument.objects.count() == 0


def test_add_document_by_other_user_denied(call, seeker, outsider):
    app = applications.save_draft(user=seeker, call=call, data=DATA)
    with pytest.raises(PermissionDenied):
        applications.add_document(user=outsider, application=app, kind="cv", upload=pdf())


def test_submitted_application_cannot_be_changed(call, seeker):
    make_application(call, seeker)
    with pytest.raises(PermissionDenied):
        applications.save_draft(user=seeker, call=call, data=DATA)
