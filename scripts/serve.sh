#!/usr/bin/env bash
# 一条命令：安装所需 → 检查目录数据 → 严格构建到 site/ → 在本机预览(修改 catalog/ 会自动重建)。
# 地址可用 SWKB_ADDR 修改，默认 127.0.0.1:8000。
# 目录数据有错误时照样启动预览：浏览器里显示错误清单(catalog-check/ 页)，改正保存后自动刷新。
source "$(dirname "$0")/_setup.sh"
ensure_venv
if "$PY" scripts/validate.py; then
  "$PY" -m mkdocs build --strict
else
  echo "==> 目录数据有错误(见上)：不构建 site/，预览里会显示同样的错误清单，改正保存后自动刷新。"
fi
echo "==> 预览地址：http://${SWKB_ADDR:-127.0.0.1:8000}/  (Ctrl+C 结束)"
# --dirty: each save renders only the pages whose content or nav changed (swkb.site.adapter.BuildMemory).
exec "$PY" -m mkdocs serve --dirty --dev-addr "${SWKB_ADDR:-127.0.0.1:8000}"
