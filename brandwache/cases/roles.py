"""The roles Brandwache ships: groups with the permissions each needs.

They are (re)created after every migrate, like Django's own permissions, so a
fresh database and a flushed test database always have them.
"""

from __future__ import annotations

from typing import Any

AGENT_PERMISSIONS = [
    ("cases", "view_case"),
    ("cases", "change_case"),
    ("contacts", "view_contact"),
    ("intake", "view_rawmessage"),
]
LEAD_PERMISSIONS = [
    *AGENT_PERMISSIONS,
    ("cases", "view_all_cases"),
    ("intake", "change_rawmessage"),
]
ROLES = {"Agents": AGENT_PERMISSIONS, "Team leads": LEAD_PERMISSIONS}


def ensure_roles(group_model: Any, permission_model: Any) -> None:
    """Create the role groups and give them the permissions that exist so far.

    Idempotent; called once per migrated app, so the last call sees every permission.
    """
    for name, permissions in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            found = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is not None:
                group.permissions.add(found)


def create_roles_after_migrate(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    ensure_roles(Group, Permission)
