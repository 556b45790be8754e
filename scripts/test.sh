#!/usr/bin/env bash
# 一条命令：安装所需(虚拟环境、依赖、Chromium、nginx) → 检查 JSON Schema 是否过期 → ruff 与 mypy → 运行全部测试。
source "$(dirname "$0")/_setup.sh"
ensure_venv
ensure_test_system_packages
"$PY" scripts/schema.py --check
echo "==> ruff 与 mypy"
"$PY" -m ruff check swkb hooks benchmarks scripts tests
"$PY" -m mypy
exec "$PY" -m pytest "$@"
