"""Full-text index on the pre-segmented tokens: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

The text is segmented by lintas.matching.text before it reaches the database (Chinese by
rjieba, Thai by pythainlp, …), so both engines only split on spaces; SQLite's trigram
tokenizer would find nothing for two-character Chinese words such as 水泵.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS matching_fts USING fts5(tokens, tokenize='unicode61 remove_diacritics 0')"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS matching_profilevector_tsv ON matching_profilevector "
            "USING GIN (to_tsvector('simple', tokens))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS matching_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS matching_profilevector_tsv")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
