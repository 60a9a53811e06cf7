"""Who may see a staff page: Django's permissions decide, not `is_staff`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required


def permission_needed(*perms: str):
    """Signed-in users holding every one of `perms` (superusers hold all; the "editor" group the
    ones an editor needs): anyone not signed in is sent to sign in, anyone else is refused (403)."""

    def decorate(view):
        return login_required(permission_required(perms, raise_exception=True)(view))

    return decorate
