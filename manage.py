#!/usr/bin/env python
"""Django's command-line utility; `brandwache` does the same once installed."""

from brandwache.cli import main

if __name__ == "__main__":
    main()
