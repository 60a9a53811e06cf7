"""The "editor" group: who may upload, review, correct and publish documents and read the audit log."""

from django.db import migrations


def editor_group_create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from inspections.editors import editor_group_sync

    # Permissions are otherwise created only after every migration has run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    editor_group_sync(apps)


def editor_group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editor").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0009_audit_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(editor_group_create, editor_group_delete)]
