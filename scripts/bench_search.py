#!/usr/bin/env python3
"""Search benchmark: our search vs the stock Material + jieba configuration (benchmarks/search.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not installed

from benchmarks.search import main

sys.exit(main(sys.argv[1:]))
