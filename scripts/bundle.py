#!/usr/bin/env python3
"""Thin entry point: `python scripts/bundle.py` = `swkb bundle` (see swkb/cli.py, swkb/publish.py)."""

import sys

from swkb.cli import main

sys.exit(main(["bundle", *sys.argv[1:]]))
