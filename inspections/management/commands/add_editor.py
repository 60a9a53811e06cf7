"""python manage.py add_editor NAME [--create]: let an account upload, correct and publish."""

from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from inspections.editors import EditorError, editor_add


class Command(BaseCommand):
    help = (
        'Add an account to the "editor" group: it may then upload documents, correct what was read, '
        "publish, and read the audit log. With --create, make the account first (asking for its password)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--create", action="store_true", help="make the account if there is none")

    def handle(self, *args, username, create, **options):
        accounts = get_user_model()
        user = accounts.objects.filter(username=username).first()
        if user is None and not create:
            raise CommandError(
                f"There is no account named {username}: add --create to make one.", returncode=2
            )
        if user is None:
            user = accounts(username=username)
            user.set_password(self.password_ask(user))
            user.save()
            self.stdout.write(f"Account {username} created.")
        try:
            added = editor_add(user)
        except EditorError as error:
            raise CommandError(str(error), returncode=2) from None
        state = "is now" if added else "was already"
        self.stdout.write(f"{username} {state} an editor: sign in at /login/ to upload, correct and publish.")

    def password_ask(self, user) -> str:
        password = getpass("Password: ")
        if password != getpass("Password (again): "):
            raise CommandError("The two passwords differ: nothing was changed.", returncode=2)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        return password
