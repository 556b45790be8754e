# Shared set-up for scripts/serve.sh and scripts/test.sh (sourced, not run).
# Each step checks first and does nothing when its part is already in place.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
export NO_MKDOCS_2_WARNING=1

# .venv with the pinned packages (constraints.txt); reinstalls only when the pins change.
ensure_venv() {
  local stamp=".venv/.swkb-installed" want
  want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$PY" ]; then
    echo "==> 创建虚拟环境 .venv"
    python3 -m venv .venv
  fi
  # Also reinstall when the swkb MkDocs plugin's entry point is missing (a venv made before it existed).
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! "$PY" -c "from importlib.metadata import entry_points as e; import sys; sys.exit(not e(group='mkdocs.plugins', name='swkb'))" 2>/dev/null; then
    echo "==> 安装依赖(版本见 constraints.txt)"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -c constraints.txt -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

# Debian packages the tests drive: Chromium (browser tests; never a browser downloaded by a
# test tool), nginx (publishing tests, on loopback), CJK fonts and Node.js.
ensure_test_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  # Chinese glyphs for screenshots and the print/PDF tests (without them Chinese prints as boxes).
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  # The search worker's unit tests run in Node.js.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  # npm installs the pinned axe-core for the accessibility tests (ensure_axe_core).
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> 安装 ${missing[*]}(测试用)"
  local sudo="" blocker=/usr/sbin/policy-rc.d added=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Keep the nginx package from starting a system-wide server on port 80; tests start their own.
  if [ ! -e "$blocker" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$blocker" >/dev/null && $sudo chmod +x "$blocker" && added=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  if [ -n "$added" ]; then $sudo rm -f "$blocker"; fi
}

# axe-core for the accessibility tests at the version pinned in tests/axe-core/package-lock.json,
# installed into tests/axe-core/node_modules; nothing is fetched while the tests run.
ensure_axe_core() {
  local dir="tests/axe-core" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$dir/node_modules/axe-core/axe.min.js" ] && [ "$(cat "$dir/node_modules/.swkb-installed" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "==> 安装 axe-core(版本见 $dir/package-lock.json)"
  npm ci --prefix "$dir" --no-audit --no-fund --silent
  echo "$want" > "$dir/node_modules/.swkb-installed"
}
