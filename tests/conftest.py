"""Fixtures shared by the suite: factories, the demo articles, an ingest helper."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
from pathlib import Path

import factory
import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from articles.models import Article

EDITOR_PASSWORD = "a-long-pass-phrase"

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "articles" / "demo"
SHARED = ROOT.parent / "shared"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    outlet = "Example News"
    title = factory.Sequence(lambda n: f"Story {n}")
    published_at = dt.date(2021, 3, 15)
    text = "Officials met in Vienna on Monday to discuss the truce."


@pytest.fixture
def article_factory(db):
    return ArticleFactory


@pytest.fixture
def editor(db):
    """A member of the Editors group, made as `make_editor` makes one."""
    if not Group.objects.filter(name="Editors").exists():
        # Transactional tests start from an emptied database: make the group as the
        # migration does.
        migration = importlib.import_module("timeline.migrations.0003_editors_group")
        migration.create_editors(django_apps, None)
    call_command(
        "make_editor", "editor", "--email", "editor@example.org", stdout=io.StringIO()
    )
    user = User.objects.get(username="editor")
    user.set_password(EDITOR_PASSWORD)
    user.save()
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def demo_paths() -> list[str]:
    return sorted(str(p) for p in DEMO_DIR.glob("*.json"))


@pytest.fixture
def demo_articles(db, demo_paths):
    """The two demo articles, ingested and extracted by the real pipeline."""
    call_command("ingest", *demo_paths, "--no-progress", stdout=open("/dev/null", "w"))
    return list(Article.objects.order_by("url"))


@pytest.fixture
def write_json(tmp_path):
    """Write records to a .json or .jsonl file and return its path."""

    def write(name: str, content) -> Path:
        path = tmp_path / name
        if isinstance(content, (bytes, str)):
            path.write_bytes(
                content if isinstance(content, bytes) else content.encode()
            )
        elif name.endswith(".jsonl"):
            path.write_text(
                "\n".join(json.dumps(r) for r in content) + "\n", encoding="utf-8"
            )
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write


def record(**overrides) -> dict:
    """A valid article record of our own (not a seed)."""
    base = {
        "url": "https://wire.example.com/2019/05/12/truce",
        "outlet": "Example Wire",
        "title": "Truce agreed in the north",
        "published_at": "2019-05-12",
        "text": (
            "The two armies agreed a truce on Friday after talks in Vienna. "
            "The truce took effect at midnight on Saturday, a spokesman said on Sunday."
        ),
    }
    base.update(overrides)
    return base
