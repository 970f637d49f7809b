"""``lintas backup PATH`` and ``lintas restore PATH``: one archive with everything a site needs.

The archive (a gzip-compressed tar, readable by the service user only: it holds the secret key
and the configuration) contains:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, whose version must be at least the
  server's) or ``database.sqlite3`` (SQLite: a consistent copy through SQLite's backup API, safe
  while the site runs);
- ``media/…``: every uploaded file;
- ``secret_key``: the key sessions, reset links and signed values depend on;
- ``config/lintas.cfg`` (when there is one) and ``config/settings.json`` (the effective
  ``LINTAS_*`` values);
- ``manifest.json``: format, time, database vendor, the row count of every table and the SHA-256
  of every other member.

Restore checks every checksum first, refuses a target that already has tables or uploaded files
unless ``force``, restores, compares every table's row count with the manifest, and rebuilds what
is derived (full-text rows, vectors missing for published profiles, this process's vector index)
so that search works at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (exit code 2)."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _derived_table(name: str) -> bool:
    # SQLite's FTS5 table and its shadow tables are rebuilt from the vectors on restore.
    return name.startswith("matching_fts")


def table_counts() -> dict[str, int]:
    """Rows of every table of the site's database (derived full-text tables left out)."""
    counts = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names(cursor)):
            if _derived_table(name):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        "media/" + path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--dbname", str(db["NAME"])]
    return env, args


def _client_major(tool: str) -> int:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1))


def check_pg_tool(tool: str) -> None:
    """pg_dump and pg_restore read and write only formats of their own version or older: a
    client older than the server fails halfway, so refuse before starting."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    client = _client_major(tool)
    if client < server:
        raise BackupError(
            f"{tool} is version {client} but the server runs PostgreSQL {server}: install "
            f"the client of version {server} or newer (postgresql-client-{server})"
        )


def _pg_dump(target: Path) -> None:
    check_pg_tool("pg_dump")
    env, args = _pg_env_and_args()
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[-2000:]}")


def _pg_restore(source: Path, *, clean: bool) -> None:
    check_pg_tool("pg_restore")
    env, args = _pg_env_and_args()
    options = ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    if clean:
        options += ["--clean", "--if-exists"]
    connections.close_all()
    result = subprocess.run(
        ["pg_restore", *options, *args, str(source)], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """A consistent copy through SQLite's backup API (correct while others write, WAL or not)."""
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


# --- backup ----------------------------------------------------------------------------------


def _config_members() -> dict[str, bytes]:
    members = {
        "config/settings.json": json.dumps(
            dict(sorted(settings.CONFIG.values.items())), indent=2
        ).encode()
    }
    ini = Path(os.environ.get("LINTAS_CONFIG") or settings.DATA_DIR / "lintas.cfg")
    if ini.exists():
        members["config/lintas.cfg"] = ini.read_bytes()
    return members


def create_backup(path: str | Path, *, log=lambda msg: None) -> dict:
    """Write the archive to ``path`` (through a temporary file, renamed when complete)."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"no backup method for the {vendor} database")
    with tempfile.TemporaryDirectory(prefix="lintas-backup-") as tmp:
        tmp = Path(tmp)
        counts = table_counts()
        if vendor == "postgresql":
            db_name = "database.dump"
            _pg_dump(tmp / db_name)
        else:
            db_name = "database.sqlite3"
            connection.close()
            _sqlite_copy(settings.DATABASES["default"]["NAME"], tmp / db_name)
        log(f"database ({vendor}): {sum(counts.values())} rows in {len(counts)} tables")
        extra = {"secret_key": settings.SECRET_KEY.encode(), **_config_members()}
        files = media_files()
        checksums = {db_name: sha256_file(tmp / db_name)}
        checksums.update({name: sha256_file(source) for name, source in files.items()})
        checksums.update({name: hashlib.sha256(data).hexdigest() for name, data in extra.items()})
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "member": db_name},
            "tables": counts,
            "media_files": len(files),
            "checksums": checksums,
        }
        partial = path.with_name(f".{path.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(tmp / db_name, arcname=db_name)
            for name, source in files.items():
                tar.add(source, arcname=name)
            for name, data in extra.items():
                _add_bytes(tar, name, data)
        os.replace(partial, path)
        log(f"media: {len(files)} files; archive {path} ({path.stat().st_size} bytes)")
        return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(dt.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- restore ---------------------------------------------------------------------------------


def _extract(path: Path, into: Path) -> dict:
    try:
        with tarfile.open(path, mode="r:*") as tar:
            tar.extractall(into, filter="data")  # no absolute paths, links out or devices
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path}: not a Lintas backup archive ({error})") from error
    manifest_path = into / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{path}: no manifest.json, not a Lintas backup archive")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')} is not {FORMAT}")
    for name, expected in manifest["checksums"].items():
        member = into / name
        if not member.is_file() or sha256_file(member) != expected:
            raise BackupError(f"{path}: {name} is missing or damaged (checksum differs)")
    return manifest


def target_contents() -> tuple[list[str], int]:
    """Tables already in the target database and files already in its media folder."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not _derived_table(t)]
    return tables, len(media_files())


def restore_backup(path: str | Path, *, force: bool = False, log=lambda msg: None) -> dict:
    path = Path(path).resolve()
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix="lintas-restore-") as tmp:
        tmp = Path(tmp)
        manifest = _extract(path, tmp)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"the backup holds a {vendor} database but this site uses {connection.vendor}"
            )
        tables, files = target_contents()
        if (tables or files) and not force:
            raise BackupError(
                f"the target is not empty ({len(tables)} tables, {files} uploaded files): "
                "restore into an empty database and data folder, or pass --force to replace "
                "what is there"
            )
        member = tmp / manifest["database"]["member"]
        if vendor == "postgresql":
            _pg_restore(member, clean=bool(tables))
            # pg_restore leaves the planner without statistics: until autovacuum gets to it,
            # lists would sort whole tables (docs/deployment.md, Capacity).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            connections.close_all()
            target = Path(settings.DATABASES["default"]["NAME"])
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            target.unlink(missing_ok=True)
            _sqlite_copy(member, target)
        connections.close_all()
        log(f"database ({vendor}) restored")

        media_root = Path(settings.MEDIA_ROOT)
        if force and media_root.exists():
            shutil.rmtree(media_root)
        restored_files = 0
        if (tmp / "media").exists():
            shutil.copytree(tmp / "media", media_root, dirs_exist_ok=True)
            restored_files = sum(1 for p in (tmp / "media").rglob("*") if p.is_file())
        log(f"media: {restored_files} files restored")

        notes = _restore_secret_and_config(tmp)
        for note in notes:
            log(note)

        counts = table_counts()
        differing = {
            name: (expected, counts.get(name))
            for name, expected in manifest["tables"].items()
            if counts.get(name) != expected
        }
        if differing:
            raise BackupError(f"row counts differ after restore (expected, found): {differing}")
        log(f"row counts match the manifest: {len(counts)} tables")
        rebuilt = rebuild_derived()
        log(
            f"derived: {rebuilt['encoded']} vectors encoded, {rebuilt['fulltext']} full-text "
            f"rows, search index loaded with {rebuilt['index']} profiles"
        )
        return {"manifest": manifest, "counts": counts, "rebuilt": rebuilt, "notes": notes}


def _restore_secret_and_config(tmp: Path) -> list[str]:
    notes = []
    key = (tmp / "secret_key").read_text(encoding="utf-8").strip()
    if settings.CONFIG.get("LINTAS_SECRET_KEY"):
        if settings.CONFIG.get("LINTAS_SECRET_KEY") != key:
            notes.append(
                "LINTAS_SECRET_KEY differs from the backed-up key: sessions and links made "
                "before the backup no longer validate (the key is in the archive's secret_key)"
            )
    else:
        secret = Path(settings.DATA_DIR) / ".secret"
        secret.write_text(key, encoding="utf-8")
        secret.chmod(0o600)
        notes.append(f"secret key restored into {secret}")
    ini = tmp / "config" / "lintas.cfg"
    target_ini = Path(settings.DATA_DIR) / "lintas.cfg"
    if ini.exists() and not target_ini.exists() and not os.environ.get("LINTAS_CONFIG"):
        shutil.copyfile(ini, target_ini)
        target_ini.chmod(0o600)
        notes.append(f"configuration restored into {target_ini}")
    return notes


def rebuild_derived() -> dict:
    """Full-text rows from the vectors, vectors for published profiles that have none (or an
    outdated one), and this process's vector index; matches are data and were restored."""
    from lintas.catalogue.enums import ProfileStatus
    from lintas.catalogue.models import Profile
    from lintas.matching.domain import fulltext, indexing, search_index
    from lintas.matching.models import ProfileVector

    published = list(Profile.objects.filter(status=ProfileStatus.PUBLISHED).order_by("id"))
    encoded = 0
    if published:
        for start in range(0, len(published), 64):
            encoded += indexing.store_vectors(profiles=published[start : start + 64])
    rows = list(ProfileVector.objects.values_list("profile_id", "tokens"))
    fulltext.rebuild(rows)
    search_index.reset()
    engine = search_index.get_engine()
    return {
        "encoded": encoded,
        "fulltext": len(rows),
        "index": 0 if engine is None else len(rows),
    }
