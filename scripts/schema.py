#!/usr/bin/env python3
"""Thin entry point: `python scripts/schema.py` = `swkb schema` (see swkb/cli.py)."""

import sys

from swkb.cli import main

sys.exit(main(["schema", *sys.argv[1:]]))
