"""The full-text index beside core_searchentry: FTS5 on SQLite, a GIN-indexed tsvector on
PostgreSQL."""

from django.db import migrations

from befus.core.search.backends import create_index, drop_index


class Migration(migrations.Migration):
    dependencies = [("core", "0005_search_entries")]

    operations = [migrations.RunPython(create_index, drop_index)]
