import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("brokerage", "0003_event_foreign_keys"), ("core", "0002_membership")]
AFTER = [("brokerage", "0004_notifications_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    others = [
        node
        for node in executor.loader.graph.leaf_nodes()
        if node[0] in ("events", "catalogue", "contenttypes")
    ]
    executor.migrate(targets)
    return executor.loader.project_state([*targets, *others]).apps


@pytest.mark.django_db(transaction=True)
def test_notifications_move_to_core_with_read_state_times_and_deal():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("core", "Organisation")
        Profile = apps.get_model("catalogue", "Profile")
        User = apps.get_model("core", "User")
        Deal = apps.get_model("brokerage", "Deal")
        Old = apps.get_model("brokerage", "Notification")
        org = Organisation.objects.create(slug="gxu", name="GXU", country="CN")
        other = Organisation.objects.create(slug="tani", name="Tani", country="ID")
        user = User.objects.create(username="u", organisation=other, email="u@example.org")
        profile = Profile.objects.create(
            ref="OF-1", kind="offer", title="T", organisation=org, status="published"
        )
        deal = Deal.objects.create(
            profile=profile, requester=user, requester_org=other, owner_org=org,
            message="m", last_activity_at=timezone.now(),
        )  # fmt: skip
        when = timezone.now() - dt.timedelta(days=9)
        unread = Old.objects.create(recipient=user, deal=deal, text="Interest", url="/deals/1/")
        read = Old.objects.create(recipient=user, text="Old", url="", read=True)
        Old.objects.filter(pk__in=[unread.pk, read.pk]).update(created_at=when)

        apps = _migrate(AFTER)
        New = apps.get_model("core", "Notification")
        ContentType = apps.get_model("contenttypes", "ContentType")
        rows = {n.text: n for n in New.objects.all()}
        assert set(rows) == {"Interest", "Old"}
        assert rows["Interest"].read_at is None
        assert rows["Interest"].url == "/deals/1/"
        assert rows["Interest"].target_id == deal.pk
        assert ContentType.objects.get(pk=rows["Interest"].target_type_id).model == "deal"
        assert rows["Old"].read_at is not None
        assert rows["Old"].target_id is None
        assert {n.created_at for n in rows.values()} == {when}
        assert {n.recipient_id for n in rows.values()} == {user.pk}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
