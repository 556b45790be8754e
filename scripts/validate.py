#!/usr/bin/env python3
"""Thin entry point: `python scripts/validate.py` = `swkb validate` (see swkb/cli.py)."""

import sys

from swkb.cli import main

sys.exit(main(["validate", *sys.argv[1:]]))
