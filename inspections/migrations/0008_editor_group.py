"""The "editor" group: who may upload, review, correct and publish documents and read the audit log."""

from django.db import migrations

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


def editor_group_create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are otherwise created only after every migration has run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="editor")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="inspections", codename__in=EDITOR_PERMISSIONS)
    )


def editor_group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editor").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0007_audit_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(editor_group_create, editor_group_delete)]
