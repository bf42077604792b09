# Search reads words as phrases within a section: `search_text` now separates the
# title, sapo and body with "|" and keeps one tone placement ("hòa" for "hoà"), and
# the stored vectors weight each section (A, B, C) so a phrase query can ask for the
# title. PostgreSQL cannot change a generated column's expression: the vectors are
# dropped, `search_text` rewritten, the vectors added again (the database computes
# them once) and the GIN index rebuilt.

import django.contrib.postgres.search
from django.db import migrations, models

import articles.search
from articles.search import search_document, search_vector_index

BATCH = 1000


def rewrite_search_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    table = schema_editor.quote_name(Article._meta.db_table)
    rows = Article.objects.using(schema_editor.connection.alias).order_by("pk")
    last = 0
    with schema_editor.connection.cursor() as cursor:
        while batch := list(rows.filter(pk__gt=last).values_list("pk", "title", "sapo", "body")[:BATCH]):
            cursor.executemany(
                f"UPDATE {table} SET search_text = %s WHERE id = %s",
                [(search_document(title, sapo, body), pk) for pk, title, sapo, body in batch],
            )
            last = batch[-1][0]


def index_the_stored_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Article = apps.get_model("articles", "Article")
        schema_editor.add_index(Article, search_vector_index())
        # The planner's statistics for the new columns (adding them is no change autovacuum counts).
        schema_editor.execute(f"ANALYZE {schema_editor.quote_name(Article._meta.db_table)}")


def vector_field(config, verbose_name):
    return models.GeneratedField(
        db_persist=True,
        expression=articles.search.SectionedSearchVector("search_text", config=config),
        output_field=django.contrib.postgres.search.SearchVectorField(null=True),
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_search_vector"),
    ]

    operations = [
        # Backwards, 0007's columns come back without their index: this puts it back.
        migrations.RunPython(migrations.RunPython.noop, index_the_stored_vector),
        migrations.RemoveField(model_name="article", name="search_vector"),
        migrations.RemoveField(model_name="article", name="exact_search_vector"),
        migrations.RunPython(rewrite_search_text, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=vector_field("vietnamese", "chỉ mục tìm kiếm"),
        ),
        migrations.AddField(
            model_name="article",
            name="exact_search_vector",
            field=vector_field("simple", "chỉ mục tìm kiếm đúng dấu"),
        ),
        migrations.RunPython(index_the_stored_vector, migrations.RunPython.noop),
    ]
