#!/usr/bin/env bash
# 一条命令：安装所需 → 检查目录数据 → 严格构建到 site/ → 在本机预览(修改 catalog/ 会自动重建)。
# 地址可用 SWKB_ADDR 修改，默认 127.0.0.1:8000。
source "$(dirname "$0")/_setup.sh"
ensure_venv
"$PY" scripts/validate.py
"$PY" -m mkdocs build --strict
echo "==> 预览地址：http://${SWKB_ADDR:-127.0.0.1:8000}/  (Ctrl+C 结束)"
exec "$PY" -m mkdocs serve --dev-addr "${SWKB_ADDR:-127.0.0.1:8000}"
