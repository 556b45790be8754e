#!/usr/bin/env python3
"""Performance benchmark at three catalog sizes, ours vs stock Material (swkb/perfbench.py)."""
import sys

from swkb.perfbench import main

sys.exit(main(sys.argv[1:]))
