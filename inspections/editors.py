"""Editors: the accounts in the "editor" group (made by migration 0008), who may upload, correct
and publish documents and read the audit log."""

from __future__ import annotations

from django.contrib.auth.models import Group

EDITOR_GROUP = "editor"


class EditorError(Exception):
    pass


def editor_add(user) -> bool:
    """Put the account in the editor group; False if it was already there."""
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        raise EditorError(f'There is no "{EDITOR_GROUP}" group: run `python manage.py migrate` first.')
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    return True
