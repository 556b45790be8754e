#!/usr/bin/env python3
"""Write docs/javascripts/labels.js from swkb/catalog/labels.py; `--check` only reports a stale file
(see swkb/site/labels_js.py)."""

import argparse
import sys
from pathlib import Path

from swkb.site.labels_js import stale_labels_script, write_labels_script

parser = argparse.ArgumentParser(description="从 swkb/catalog/labels.py 生成页面脚本用的词表 docs/javascripts/labels.js")
parser.add_argument("--docs", default="docs", help="文档文件夹(默认当前文件夹下的 docs/)")
parser.add_argument("--check", action="store_true", help="只检查已提交的文件是否过期")
args = parser.parse_args()
if args.check:
    problems = stale_labels_script(Path(args.docs))
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)
print(f"已写入 {write_labels_script(Path(args.docs))}")
