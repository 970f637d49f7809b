import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("brokerage", "0002_protected_files")
AFTER = ("brokerage", "0003_event_foreign_keys")


def _migrate(target):
    """Move brokerage to ``target`` (events stay at their latest) and return the models then."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    events = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "events"]
    executor.migrate([target])
    return executor.loader.project_state([target, *events]).apps


@pytest.mark.django_db(transaction=True)
def test_event_foreign_keys_migration_keeps_existing_event_numbers():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("core", "Organisation")
        Profile = apps.get_model("catalogue", "Profile")
        User = apps.get_model("core", "User")
        Event = apps.get_model("events", "Event")
        Deal = apps.get_model("brokerage", "Deal")
        Agreement = apps.get_model("brokerage", "Agreement")
        org = Organisation.objects.create(slug="gxu", name="GXU", country="CN")
        other = Organisation.objects.create(slug="tani", name="Tani", country="ID")
        user = User.objects.create(username="u", organisation=other)
        profile = Profile.objects.create(
            ref="OF-1", kind="offer", title="T", organisation=org, status="published"
        )
        event = Event.objects.create(
            slug="expo", title="Expo", kind="forum", starts_on=dt.date(2025, 9, 1),
            ends_on=dt.date(2025, 9, 2),
        )  # fmt: skip
        now = timezone.now()

        def deal(event_id):
            return Deal.objects.create(
                profile=profile, requester=user, requester_org=other, owner_org=org,
                message="m", event_id=event_id, last_activity_at=now,
            ).pk  # fmt: skip

        deal_ids = [deal(event.pk), deal(None), deal(event.pk + 1000)]
        agreement_ids = [
            Agreement.objects.create(
                title=f"A{n}", type="transfer", signed_on=dt.date(2025, 9, 2), event_id=value
            ).pk
            for n, value in enumerate([event.pk, None, event.pk + 1000])
        ]

        apps = _migrate(AFTER)
        Deal = apps.get_model("brokerage", "Deal")
        Agreement = apps.get_model("brokerage", "Agreement")
        assert [Deal.objects.get(pk=pk).event_id for pk in deal_ids] == [event.pk, None, None]
        assert [Agreement.objects.get(pk=pk).event_id for pk in agreement_ids] == [
            event.pk,
            None,
            None,
        ]
        assert list(apps.get_model("events", "Event").objects.get().deals.all()) == [
            Deal.objects.get(pk=deal_ids[0])
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
