#!/usr/bin/env python3
"""Thin entry point: `python scripts/publish.py` = `swkb publish` (see swkb/cli.py, swkb/publish/release.py).

The script lives in a checkout, so without -f it publishes that checkout (its mkdocs.yml), from
whatever folder it is run; `swkb publish` itself takes ./mkdocs.yml, as mkdocs does."""

import sys
from pathlib import Path

from swkb.cli import main

args = sys.argv[1:]
if not any(a in ("-f", "--config-file") or a.startswith("--config-file=") or (a.startswith("-f") and a != "-f") for a in args):
    args = ["-f", str(Path(__file__).resolve().parents[1] / "mkdocs.yml"), *args]
sys.exit(main(["publish", *args]))
