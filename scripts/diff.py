#!/usr/bin/env python3
"""Thin entry point: `python scripts/diff.py OLD [NEW]` = `swkb diff OLD [NEW]` (see swkb/cli.py)."""

import sys

from swkb.cli import main

sys.exit(main(["diff", *sys.argv[1:]]))
