"""Lexical search in the database over pre-segmented tokens (BM25 via FTS5 on SQLite,
ts_rank_cd on PostgreSQL). Both receive the same tokens from lintas.matching.text."""

from __future__ import annotations

from django.db import connection


def _fts_query(terms: list[str]) -> str:
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def upsert(*, profile_id: int, tokens: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("DELETE FROM matching_fts WHERE rowid = %s", [profile_id])
            cur.execute(
                "INSERT INTO matching_fts(rowid, tokens) VALUES (%s, %s)", [profile_id, tokens]
            )
    # PostgreSQL indexes ProfileVector.tokens directly (GIN expression index): nothing to do.


def delete(*, profile_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("DELETE FROM matching_fts WHERE rowid = %s", [profile_id])


def search(*, terms: list[str], limit: int = 200) -> list[tuple[int, float]]:
    """[(profile_id, score)] best first; higher score is better on both engines."""
    terms = [t for t in dict.fromkeys(terms) if t.strip()][:32]
    if not terms:
        return []
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(
                "SELECT rowid, -bm25(matching_fts) FROM matching_fts WHERE matching_fts MATCH %s "
                "ORDER BY bm25(matching_fts) LIMIT %s",
                [_fts_query(terms), limit],
            )
        elif connection.vendor == "postgresql":
            query = " | ".join("'" + t.replace("'", "''").replace("\\", "") + "'" for t in terms)
            cur.execute(
                "SELECT profile_id, ts_rank_cd(to_tsvector('simple', tokens), q) AS rank "
                "FROM matching_profilevector, to_tsquery('simple', %s) q "
                "WHERE to_tsvector('simple', tokens) @@ q ORDER BY rank DESC LIMIT %s",
                [query, limit],
            )
        else:  # pragma: no cover - other databases are not supported
            return []
        return [(int(pid), float(score)) for pid, score in cur.fetchall()]


def rebuild(rows) -> None:
    """rows: iterable of (profile_id, tokens)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("DELETE FROM matching_fts")
            cur.executemany("INSERT INTO matching_fts(rowid, tokens) VALUES (%s, %s)", list(rows))
