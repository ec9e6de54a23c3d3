"""Security settings, checked on real responses and by Django's deployment check."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/?event=1", "/admin/login/"])
def test_pages_carry_a_content_security_policy_without_inline_code(
    client, demo_articles, path
):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    inline_scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html
    )
    assert inline_scripts == []
    assert not re.search(r'\sstyle="', html.split("</head>", 1)[1]) or path.startswith(
        "/admin"
    )


def test_article_page_has_no_inline_code(client, demo_articles):
    html = client.get(demo_articles[0].get_absolute_url()).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert ' style="' not in html


def test_admin_forms_refuse_posts_without_the_csrf_token(db):
    user = User.objects.create_superuser("root", "root@example.org", "pass-phrase-long")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    response = client.post(reverse("admin:articles_article_add"), {"title": "x"})
    assert response.status_code == 403


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment
    # does not.
    dropped = {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    result = deploy_check(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="timelines.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_key_never_passes_for_production():
    result = deploy_check(DEBUG="0", ALLOWED_HOSTS="timelines.example.org")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_make_editor_gives_exactly_the_editors_access(client):
    from django.core.management import call_command

    call_command("make_editor", "desk", "--email", "desk@example.org")
    user = User.objects.get(username="desk")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.has_perm("timeline.change_event") and user.has_perm(
        "articles.add_article"
    )
    assert not user.has_perm("auth.change_user") and not user.has_perm("auth.add_group")
