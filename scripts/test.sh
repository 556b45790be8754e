#!/usr/bin/env bash
# 一条命令：安装所需(虚拟环境、依赖、Chromium、nginx) → 检查 JSON Schema 是否过期 → ruff、mypy 与 lint-imports(分层约定) → 运行全部测试。
# `--fast`：只运行单元测试(-m unit，不构建站点、不开浏览器、不起 nginx)，也不安装 Chromium、nginx 和 axe-core。
# 其余参数原样交给 pytest，如 `bash scripts/test.sh -m browser`、`bash scripts/test.sh tests/test_render.py -x`。
source "$(dirname "$0")/_setup.sh"
fast=""
pytest_args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then fast=1; else pytest_args+=("$arg"); fi
done
# pytest keeps each test module with its asserts rewritten in __pycache__ (git-ignored); with
# PYTHONDONTWRITEBYTECODE set it redoes that on every run, about half of the collection time, and
# every `mkdocs build` of the tests recompiles swkb.
unset PYTHONDONTWRITEBYTECODE
ensure_venv
if [ -z "$fast" ]; then
  ensure_test_system_packages
  ensure_axe_core
fi
"$PY" scripts/schema.py --check
# The source archive the provenance tests check figures against (swkb/catalog/provenance.py).
# Set SWKB_SOURCE_ARCHIVE yourself, or leave it unset: then ../shared/seeds is used when that
# folder exists, and otherwise those checks report what they skipped (SWKB_SOURCE_ARCHIVE= turns them off).
if [ -z "${SWKB_SOURCE_ARCHIVE+set}" ] && [ -d "$ROOT/../shared/seeds" ]; then
  export SWKB_SOURCE_ARCHIVE="$(cd "$ROOT/../shared/seeds" && pwd)"
fi
echo "==> 来源档案：${SWKB_SOURCE_ARCHIVE:-未配置(数字核对会注明跳过了什么)}"
echo "==> ruff、mypy 与 lint-imports"
"$PY" -m ruff check swkb benchmarks scripts tests
# The code is kept in ruff's format (`ruff format swkb benchmarks scripts tests` puts it back).
"$PY" -m ruff format --check swkb benchmarks scripts tests
"$PY" -m mypy
# The layer contracts of pyproject.toml ([tool.importlinter]); see docs/developer/architecture.md.
"$(dirname "$PY")/lint-imports" --no-cache
if [ -n "$fast" ]; then
  # --fast (tests/conftest.py) also makes a unit test fail if it starts MkDocs, Chromium or nginx.
  # One worker per core here too: on 2 cores the unit tests took 57 s in one process, 27 s in two.
  exec "$PY" -m pytest -n auto -m unit --fast ${pytest_args[@]+"${pytest_args[@]}"}
fi
# One pytest worker per core (pytest-xdist), each test module whole on one worker so that the
# builds its tests share are made once (--dist loadscope): on 2 cores 570 s became 345 s.
# Arguments given after it win: `bash scripts/test.sh -n 0` runs everything in one process.
exec "$PY" -m pytest -n auto --dist loadscope ${pytest_args[@]+"${pytest_args[@]}"}
