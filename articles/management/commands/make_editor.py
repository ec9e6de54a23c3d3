"""python manage.py make_editor USERNAME [--email E]: give a user the editors' access.

Creates the user when missing (without a password: set one with `changepassword`),
marks the account as staff so it can sign in to the admin, and adds it to the Editors
group, which holds the permissions on articles, events, actors and places and none on
users.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or update a user as an editor (staff, in the Editors group)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options) -> None:
        group = Group.objects.filter(name="Editors").first()
        if group is None:
            raise CommandError("the Editors group is missing: run `manage.py migrate`")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email}
        )
        if created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(group)
        verb = "created" if created else "updated"
        self.stdout.write(f"{username}: {verb}, staff, in Editors.")
        if created:
            self.stdout.write(
                f"Set a password with: python manage.py changepassword {username}"
            )
