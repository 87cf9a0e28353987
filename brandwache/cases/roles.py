"""The roles Brandwache ships: groups with the permissions each needs."""

from __future__ import annotations

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
