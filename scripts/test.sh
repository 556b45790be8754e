#!/usr/bin/env bash
# 一条命令：安装所需(虚拟环境、依赖、Chromium、nginx) → 检查 JSON Schema 是否过期 → ruff 与 mypy → 运行全部测试。
source "$(dirname "$0")/_setup.sh"
ensure_venv
ensure_test_system_packages
ensure_axe_core
"$PY" scripts/schema.py --check
# The source archive the provenance tests check figures against (swkb/catalog/provenance.py).
# Set SWKB_SOURCE_ARCHIVE yourself, or leave it unset: then ../shared/seeds is used when that
# folder exists, and otherwise those checks report what they skipped (SWKB_SOURCE_ARCHIVE= turns them off).
if [ -z "${SWKB_SOURCE_ARCHIVE+set}" ] && [ -d "$ROOT/../shared/seeds" ]; then
  export SWKB_SOURCE_ARCHIVE="$(cd "$ROOT/../shared/seeds" && pwd)"
fi
echo "==> 来源档案：${SWKB_SOURCE_ARCHIVE:-未配置(数字核对会注明跳过了什么)}"
echo "==> ruff 与 mypy"
"$PY" -m ruff check swkb hooks benchmarks scripts tests
"$PY" -m mypy
exec "$PY" -m pytest "$@"
