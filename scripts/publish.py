#!/usr/bin/env python3
"""Thin entry point: `python scripts/publish.py` = `swkb publish` (see swkb/cli.py, swkb/publish.py)."""
import sys

from swkb.cli import main

sys.exit(main(["publish", *sys.argv[1:]]))
