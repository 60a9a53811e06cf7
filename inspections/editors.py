"""Editors: the accounts in the "editor" group, who may upload, review, correct and publish
documents and read the audit log and the sync runs.

The group is made by migration 0008 and brought in line with EDITOR_PERMISSIONS after every
`migrate` (and every flush of the test database), so a permission added here reaches it.
"""

from __future__ import annotations

from django.apps import apps as installed_apps

EDITOR_GROUP = "editor"
EDITOR_PERMISSIONS = [
    "add_sourcedocument",  # upload
    "view_sourcedocument",  # review what was read
    "change_sourcedocument",  # publish
    "view_finding",
    "change_finding",  # correct themes and polarity, hide
    "view_judgement",
    "change_judgement",  # correct a grade
    "view_visit",
    "change_visit",  # correct dates, type, authority
    "view_auditentry",  # read the audit log
    "view_syncrun",  # see the runs of sync_ofsted
]


class EditorError(Exception):
    pass


def editor_group_sync(apps=installed_apps) -> None:
    """The editor group, made if missing, holding EDITOR_PERMISSIONS (of the models `apps` has:
    the migration passes its historical ones)."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITOR_GROUP)
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="inspections", codename__in=EDITOR_PERMISSIONS
    )
    group.permissions.add(*permissions)


def editor_add(user) -> bool:
    """Put the account in the editor group; False if it was already there."""
    group = installed_apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        raise EditorError(f'There is no "{EDITOR_GROUP}" group: run `python manage.py migrate` first.')
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    return True
