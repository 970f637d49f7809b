"""`lintas backup` / `lintas restore` round trips on SQLite and PostgreSQL, with real commands:
every table's row count, every file's checksum and a search result are the same after."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from tests.ops.procs import ScratchDatabase, base_env, lintas, postgres_url_or_skip, python

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

SETUP = f"""
from django.core.files.uploadedfile import SimpleUploadedFile
from lintas.catalogue.domain import attachments
from lintas.matching.domain import indexing
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory
sector = SectorFactory(slug="agriculture", names={{"en": "Modern agriculture"}})
org = OrganisationFactory(slug="gxu", name="Guangxi University")
user = UserFactory(username="provider", organisation=org)
offer = ProfileFactory(kind="offer", organisation=org, created_by=user, sectors=[sector],
    title="Salt-tolerant rice variety", summary="Rice that yields in brackish coastal fields.")
for title in ("Brochure", "Field trial report"):
    attachments.add_attachment(user=user, profile=offer, title=title, confidential=False,
        upload=SimpleUploadedFile(title + ".pdf", {PDF!r}))
offer.status = "published"
offer.save()
ProfileFactory(kind="need", status="published", sectors=[sector],
    title="Rice seed for flooded paddies", summary="Seed that survives sea water floods.")
ProfileFactory(kind="offer", status="published", sectors=[sector],
    title="Cassava starch dryer", summary="Solar drying of cassava starch.")
ProfileFactory(kind="offer", status="draft", title="Unpublished draft")
indexing.reindex()
"""

STATE = """
import json
from django.conf import settings
from lintas.ops.backup import media_files, sha256_file, table_counts
print(json.dumps({
    "tables": table_counts(),
    "files": {name: sha256_file(path) for name, path in media_files().items()},
    "secret": settings.SECRET_KEY,
}))
"""


def state(env) -> dict:
    return json.loads(python(STATE, env=env).strip().splitlines()[-1])


def search(env) -> list[str]:
    result = lintas("search", "rice for salty water", "--json", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    hits = json.loads(result.stdout)
    refs = [hit["profile"]["ref"] if "profile" in hit else hit["ref"] for hit in hits["results"]]
    assert refs, hits
    return refs


def round_trip(tmp_path, env_a, env_b):
    assert lintas("migrate", "--noinput", env=env_a).returncode == 0
    python(SETUP, env=env_a)
    before = state(env_a)
    refs_before = search(env_a)
    assert len(before["files"]) == 2

    archive = tmp_path / "backups" / "site.tar.gz"
    result = lintas("backup", str(archive), env=env_a)
    assert result.returncode == 0, result.stderr[-2000:]
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds the secret key
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "secret_key" in names and "config/settings.json" in names
    assert set(before["files"]) <= set(names)
    assert manifest["tables"] == before["tables"]
    assert manifest["checksums"] | before["files"] == manifest["checksums"]

    result = lintas("restore", str(archive), env=env_b)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "row counts match the manifest" in result.stdout
    after = state(env_b)
    assert after["tables"] == before["tables"]
    assert after["files"] == before["files"]
    assert after["secret"] == before["secret"]
    assert search(env_b) == refs_before

    # A second restore into the now non-empty site is refused, and nothing changes...
    again = lintas("restore", str(archive), env=env_b)
    assert again.returncode == 2
    assert "not empty" in again.stderr and "--force" in again.stderr
    # ...unless forced, after which the site is the backup again (the extra row is gone).
    python("from tests.factories import SectorFactory\nSectorFactory(slug='extra')", env=env_b)
    assert state(env_b)["tables"]["core_sector"] == before["tables"]["core_sector"] + 1
    forced = lintas("restore", str(archive), "--force", env=env_b)
    assert forced.returncode == 0, forced.stderr[-2000:]
    assert state(env_b)["tables"] == before["tables"]
    assert search(env_b) == refs_before

    # A damaged archive is refused before anything is touched.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data + b"tampered"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    bad = lintas("restore", str(damaged), "--force", env=env_b)
    assert bad.returncode == 2 and "damaged" in bad.stderr


def test_round_trip_on_sqlite(tmp_path):
    env_a = base_env(LINTAS_DATA_DIR=tmp_path / "a", LINTAS_DATABASE_URL="")
    env_b = base_env(LINTAS_DATA_DIR=tmp_path / "b", LINTAS_DATABASE_URL="")
    round_trip(tmp_path, env_a, env_b)


def test_round_trip_on_postgresql(tmp_path):
    url = postgres_url_or_skip()
    source, target = (
        ScratchDatabase(url, "lintas_backup_a"),
        ScratchDatabase(url, "lintas_backup_b"),
    )
    try:
        env_a = base_env(LINTAS_DATA_DIR=tmp_path / "a", LINTAS_DATABASE_URL=source.url)
        env_b = base_env(LINTAS_DATA_DIR=tmp_path / "b", LINTAS_DATABASE_URL=target.url)
        round_trip(tmp_path, env_a, env_b)
    finally:
        source.drop()
        target.drop()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = lintas("restore", str(junk), env=base_env(LINTAS_DATA_DIR=tmp_path / "d"))
    assert result.returncode == 2 and "not a Lintas backup" in result.stderr


@pytest.mark.parametrize("client,server,ok", [(15, 15, True), (16, 15, True), (14, 15, False)])
def test_pg_tool_version_must_reach_the_server(client, server, ok, monkeypatch):
    from lintas.ops import backup

    class FakeConnection:
        pg_version = server * 10000 + 3

        def ensure_connection(self):
            pass

    monkeypatch.setattr(backup, "connection", FakeConnection())
    monkeypatch.setattr(backup, "_client_major", lambda tool: client)
    if ok:
        backup.check_pg_tool("pg_dump")
    else:
        with pytest.raises(backup.BackupError, match="postgresql-client-15"):
            backup.check_pg_tool("pg_dump")
