#!/usr/bin/env python3
"""Search benchmark: our search vs the stock Material + jieba configuration (swkb/searchbench.py)."""
import sys

from swkb.searchbench import main

sys.exit(main(sys.argv[1:]))
