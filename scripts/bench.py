#!/usr/bin/env python3
"""Performance benchmark at three catalog sizes, ours vs stock Material (benchmarks/perf.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not installed

from benchmarks.perf import main

sys.exit(main(sys.argv[1:]))
