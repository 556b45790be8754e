"""The search worker's ES modules: their unit tests in Node.js, and the classic script the build
joins them into (pages opened from file:// cannot load module workers)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from swkb.search.worker import MODULES, WORKER_SOURCES, worker_script

from .conftest import ROOT

MODULE_DIR = ROOT / "docs" / WORKER_SOURCES

JS_TESTS = sorted((Path(__file__).parent / "js").glob("*.test.mjs"))


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: `bash scripts/test.sh` installs Debian's nodejs")
    return node


def test_worker_modules_pass_their_unit_tests() -> None:
    assert len(JS_TESTS) >= 3
    result = subprocess.run([_node(), "--test", *map(str, JS_TESTS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_every_module_is_joined_into_the_worker(tmp_path: Path) -> None:
    assert sorted(MODULES) == sorted(p.name for p in MODULE_DIR.glob("*.mjs"))
    script = worker_script(MODULE_DIR)
    assert "import " not in "\n".join(line for line in script.splitlines() if line.lstrip().startswith("import "))
    assert not any(line.lstrip().startswith("export ") for line in script.splitlines())
    path = tmp_path / "worker.js"
    path.write_text(script, encoding="utf-8")
    check = subprocess.run([_node(), "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


def test_the_joined_worker_answers_material_protocol(tmp_path: Path) -> None:
    """The built script, run as a worker would be: SETUP → READY, QUERY → RESULT with items."""
    path = tmp_path / "worker.js"
    path.write_text(worker_script(MODULE_DIR), encoding="utf-8")
    harness = tmp_path / "run.mjs"
    harness.write_text(
        """
import { readFileSync } from "node:fs";
const sent = [];
const listeners = [];
globalThis.self = { addEventListener: (t, f) => listeners.push(f), location: { href: "http://x/assets/javascripts/w.js" } };
globalThis.postMessage = (m) => sent.push(m);
new Function(readFileSync(process.argv[2], "utf8"))();
const index = { config: { swkb: { words: ["常熟"], kinds: { region: "地区" } } },
  docs: [{ l: "regions/changshu/", t: "常熟市", k: "region", n: ["常熟市", "常熟"], x: "县级市" }] };
listeners.forEach((f) => f({ data: { type: 0, data: index } }));
listeners.forEach((f) => f({ data: { type: 2, data: "常熟" } }));
console.log(JSON.stringify(sent));
process.exit(0);  // the worker's BroadcastChannel would keep Node running
""",
        encoding="utf-8",
    )
    out = subprocess.run([_node(), str(harness), str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    ready, result = json.loads(out.stdout)[:2]
    assert ready == {"type": 1}
    assert result["type"] == 3 and result["data"]["items"][0][0]["location"] == "regions/changshu/"
    assert "地区" in result["data"]["items"][0][0]["title"]
