"""Views of the agent interface, one module per screen; see `brandwache/web/urls.py`."""
