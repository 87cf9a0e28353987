"""Built-in channels; importing this package registers them (see CONTRIBUTING.md)."""

from brandwache.intake.channels import email, manual, webform  # noqa: F401
