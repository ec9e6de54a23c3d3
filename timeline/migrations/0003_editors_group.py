"""The Editors group with the permissions editors need, and fingerprints for evidence
stored before fingerprints existed."""

import hashlib

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "articles": {"article": "add change delete view", "sentence": "view"},
    "timeline": {
        "event": "add change delete view",
        "eventactor": "add change delete view",
        "evidence": "change view",
        "eventmerge": "change view",
        "actor": "add change delete view",
        "actoralias": "add change delete view",
        "place": "add change delete view",
        "placealias": "add change delete view",
    },
}


def create_editors(apps, schema_editor):
    # Permissions are made after all migrations; make them now for the group to use.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    wanted = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions.split()
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in wanted
    ]
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


def fingerprint_evidence(apps, schema_editor):
    Evidence = apps.get_model("timeline", "Evidence")
    changed = []
    for evidence in Evidence.objects.select_related("sentence").filter(fingerprint=""):
        raw = (
            f"{evidence.sentence.article_id}\x1f{evidence.sentence.text}"
            f"\x1f{evidence.trigger_start}\x1f{evidence.kind}"
        )
        evidence.fingerprint = hashlib.sha1(raw.encode("utf-8")).hexdigest()
        changed.append(evidence)
    Evidence.objects.bulk_update(changed, ["fingerprint"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0002_editors"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_editors, remove_editors),
        migrations.RunPython(fingerprint_evidence, migrations.RunPython.noop),
    ]
