#!/usr/bin/env bash
# 一条命令：安装所需 → 检查 JSON Schema 是否过期 → 运行全部测试。
source "$(dirname "$0")/_setup.sh"
ensure_venv
"$PY" scripts/schema.py --check
exec "$PY" -m pytest "$@"
