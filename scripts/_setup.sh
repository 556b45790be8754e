# Shared set-up for scripts/serve.sh and scripts/test.sh (sourced, not run).
# Creates .venv and installs the pinned packages; does nothing when they are already current.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

ensure_venv() {
  local stamp=".venv/.swkb-installed" want
  want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$PY" ]; then
    echo "==> 创建虚拟环境 .venv"
    python3 -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> 安装依赖(版本见 constraints.txt)"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -c constraints.txt -e ".[test]"
    echo "$want" > "$stamp"
  fi
  export NO_MKDOCS_2_WARNING=1
}

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "==> 安装 Chromium(浏览器测试用)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}
