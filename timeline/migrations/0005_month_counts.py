"""Events per month, overall and per actor and place, kept by triggers (timeline.counts)."""

import django.db.models.deletion
from django.db import migrations, models

from timeline.counts import count_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0004_event_title_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=20)),
                ("status", models.CharField(max_length=10)),
                ("events", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("month", "kind", "status"), name="event_month_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ActorMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=20)),
                ("status", models.CharField(max_length=10)),
                ("events", models.IntegerField(default=0)),
                (
                    "actor",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="timeline.actor",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("actor", "month", "kind", "status"),
                        name="actor_month_unique",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PlaceMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=20)),
                ("status", models.CharField(max_length=10)),
                ("events", models.IntegerField(default=0)),
                (
                    "place",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="timeline.place",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("place", "month", "kind", "status"),
                        name="place_month_unique",
                    )
                ],
            },
        ),
        count_triggers(),
    ]
