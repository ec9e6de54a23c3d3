"""The suite runs on the database DATABASE_URL names: SQLite by default, PostgreSQL in
the second run of `make test`."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_configured_database_is_the_one_under_test():
    url = os.environ.get("DATABASE_URL", "sqlite:")
    expected = (
        "postgresql" if url.startswith(("postgres:", "postgresql:")) else "sqlite"
    )
    assert connection.vendor == expected
