"""Shared fixtures: a small valid catalog to copy and break, and a site builder."""

from __future__ import annotations

import fcntl
import filecmp
import inspect
import os
import re
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.search import serve
from swkb.catalog.errors import CatalogError, CatalogErrors
from swkb.catalog.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini" / "catalog"

# Every build of the suite, of this project or a copy of it, keeps the API pages' rendered
# objects in one folder: they are keyed by the code the copy documents (swkb.site.apidocs), so a
# copy with edited code renders its own, and the others skip about 1.9 s of mkdocstrings each.
os.environ.setdefault("SWKB_API_CACHE", str(ROOT / ".cache" / "swkb" / "api"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog; tests break one thing in it."""
    target = tmp_path / "catalog"
    shutil.copytree(MINI, target)
    return target


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`name`, made by `make(path)` once for the whole run: pytest-xdist's workers share the
    run's temporary folder, and the first that needs it makes it while the others wait on a lock
    (each worker used to build the real site and the large catalog for itself). Tests only read it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    target = shared / name
    with open(shared / f"{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        if not (shared / f"{name}.made").exists():
            shutil.rmtree(target, ignore_errors=True)  # a worker that failed making it left this
            make(target)
            (shared / f"{name}.made").touch()
    return target


def _build_real_site(site_dir: Path) -> None:
    result = run_mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once with `mkdocs build --strict`, shared by every test that reads it."""
    return made_once(tmp_path_factory, "real-site", _build_real_site)


LARGE_REGIONS = 150
LARGE_SITE_EPOCH = "1767225600"
"""large_site's build date (SOURCE_DATE_EPOCH), so that another build of large_catalog can equal it."""


def _generate_large(catalog: Path) -> None:
    from benchmarks.synth import generate

    generate(catalog, LARGE_REGIONS, ROOT / "catalog")


@pytest.fixture(scope="session")
def large_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalog of LARGE_REGIONS regions (benchmarks/synth.py, its fixed seed),
    generated once; tests only read it."""
    return made_once(tmp_path_factory, "large-catalog", _generate_large)


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory, large_catalog: Path) -> tuple[Path, Path]:
    """large_catalog built once with the project's `mkdocs build --strict`: (site, catalog).
    Shared by the comparison pages' paging tests and the large-nav test, which each built this
    same catalog with the same options."""

    def build(site: Path) -> None:
        result = run_mkdocs_build(site, large_catalog, env_extra={"SOURCE_DATE_EPOCH": LARGE_SITE_EPOCH})
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "large-site", build), large_catalog


def tree_differences(a: Path, b: Path, a_name: str = "the first", b_name: str = "the second") -> list[str]:
    """Files that are in only one of two folders or differ in their bytes."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in {a_name}: {f}" for f in sorted(files_a - files_b)]
    out += [f"only in {b_name}: {f}" for f in sorted(files_b - files_a)]
    out += [f"differs: {f}" for f in sorted(files_a & files_b) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return out


def load_errors(catalog_dir: Path) -> list[CatalogError]:
    """Load a catalog that must fail; return its errors."""
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog_dir)
    return info.value.errors


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_mkdocs_build(
    site_dir: Path, catalog_dir: Path | None = None, *extra: str, env_extra: dict[str, str] | None = None, project: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of this project, optionally on another catalog."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    if catalog_dir is not None:
        env["SWKB_CATALOG"] = str(catalog_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=300,
    )


def copy_project(project: Path, *, skip_top: frozenset[str] = frozenset(), skip_docs: frozenset[str] = frozenset()) -> Path:
    """Copy the project to `project` without build output, caches and the tests. `skip_top` names
    further top-level entries to leave out, `skip_docs` entries of docs/ (swkb/site/ and
    swkb/catalog/ are code: names are matched only at their own level)."""
    anywhere = shutil.ignore_patterns(".venv", ".git", "__pycache__")
    top = {"site", "tests", "bench-results", "dist", *skip_top}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(anywhere(folder, names))
        if Path(folder) == ROOT:
            skipped |= top & set(names)
        if Path(folder) == ROOT / "docs":
            skipped |= set(skip_docs) & set(names)
        return skipped

    shutil.copytree(ROOT, project, ignore=ignore)
    return project


def project_without_guides(target: Path) -> Path:
    """A copy of the project without its hand-written guides, for builds from a small test
    catalog: the guides link to entries of the real catalog, which a test catalog lacks."""
    project = target / "project"
    copy_project(project, skip_top=frozenset({"catalog"}), skip_docs=frozenset({"guides", "faq.md"}))
    (project / "docs" / "index.md").write_text("# 社工站政策知识库\n\n<!-- swkb:counts -->\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - 入门指南:\n(?:      .*\n)+", "", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


# --------------------------------------------------------------------------------------------
# Browser tests: Debian's Chromium driven by Playwright, pages served from loopback.
# --------------------------------------------------------------------------------------------

CHROMIUM = os.environ.get("SWKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `bash scripts/test.sh` installs Debian's chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class StaticServer:
    """Serve a built site from a folder on 127.0.0.1 (a random free port) while in the block."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __enter__(self) -> StaticServer:
        self.httpd, self.url = serve(self.root)
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------------------------
# Test kinds: unit, build, browser, publish (registered in pyproject.toml, `-m unit` etc.)
# --------------------------------------------------------------------------------------------
#
# Every test is classified from what it runs, so that a new test file needs no marker of its own:
# its fixtures (the whole closure, with pytest's own fixtures) and the test function are read, and
# so are the helper functions and classes of tests/ that they name, transitively. A name that
# resolves to one of the calls below, or a string constant that starts MkDocs, decides the kind.
# Explicit `pytestmark = pytest.mark.build` etc. add to that where the code cannot show it. A test
# of no other kind is `unit`. Under `--fast` a guard then refuses, in every unit test, a subprocess
# of MkDocs, Chromium (Playwright's driver) or nginx: a test mis-classified as unit fails loudly
# instead of slowing the fast run.

KINDS = ("build", "browser", "publish")
# Fixtures whose kind their names already tell (the code scan finds the rest).
KIND_FIXTURES = {"browser": {"browser"}, "build": {"real_site", "large_site"}}
MKDOCS_COMMAND = re.compile(r"\bmkdocs\s+(?:build|serve|gh-deploy)\b")


def _kind_calls() -> dict[object, set[str]]:
    """Functions outside tests/ that start a build or publish (each runs `mkdocs build`)."""
    from swkb.publish import bundle, release

    return {
        run_mkdocs_build: {"build"},
        release.build_site: {"build"},
        release.publish: {"build", "publish"},
        bundle.bundle: {"build", "publish"},
    }


def _strings(code: types.CodeType) -> Iterator[str]:
    """Every string constant of a code object and of the code nested in it (lambdas, comprehensions)."""
    for const in code.co_consts:
        if isinstance(const, str):
            yield const
        elif isinstance(const, tuple | frozenset):
            yield from (c for c in const if isinstance(c, str))
        elif isinstance(const, types.CodeType):
            yield from _strings(const)


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _string_kinds(text: str) -> set[str]:
    """What a string names when it is (part of) a command line: `-m mkdocs`, a shell's `mkdocs
    build`, nginx, the publish scripts, Chromium. Paths and prose that only mention them do not count."""
    name = text.rsplit("/", 1)[-1]
    if text == "mkdocs" or MKDOCS_COMMAND.search(text) or "from mkdocs.commands.build import" in text:
        return {"build"}  # the last: a script a child Python runs (tests/test_incremental.py)
    if name in {"nginx", "publish.py", "bundle.py"}:
        return {"build", "publish"}
    if name.startswith("chromium"):
        return {"browser"}
    return set()


TESTS = Path(__file__).resolve().parent


def _is_test_code(obj: object) -> bool:
    """Defined in a module of tests/ (helpers there are followed; library code is not)."""
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    file = getattr(module, "__file__", None)
    return file is not None and Path(file).resolve().is_relative_to(TESTS)


_KINDS_OF: dict[object, frozenset[str]] = {}


def _kinds_of(obj: object, calls: dict[object, set[str]]) -> frozenset[str]:
    """The kinds a function (or a class's methods) of tests/ starts, following the names it uses."""
    obj = inspect.unwrap(obj) if callable(obj) else obj
    key = id(obj)
    if key in _KINDS_OF:
        return _KINDS_OF[key]
    _KINDS_OF[key] = frozenset()  # a cycle (recursion, mutual calls) adds nothing
    kinds: set[str] = set()
    if inspect.isclass(obj):
        for member in vars(obj).values():
            if inspect.isfunction(member):
                kinds |= _kinds_of(member, calls)
    elif inspect.isfunction(obj):
        code = obj.__code__
        for text in _strings(code):
            if text is not obj.__doc__:  # a docstring may say "without `mkdocs build`"
                kinds |= _string_kinds(text)
        scope = obj.__globals__
        for name in _names(code):
            target = scope.get(name)
            if target is None:
                continue
            try:
                kinds |= calls.get(target, set())
            except TypeError:  # unhashable values (dicts, lists) call nothing
                continue
            if isinstance(target, str):
                kinds |= _string_kinds(target)
            elif (getattr(target, "__module__", "") or "").startswith("playwright"):
                kinds.add("browser")
            elif _is_test_code(target) and (inspect.isfunction(target) or inspect.isclass(target)):
                kinds |= _kinds_of(target, calls)
    _KINDS_OF[key] = frozenset(kinds)
    return _KINDS_OF[key]


def classify(item: pytest.Item, calls: dict[object, set[str]]) -> set[str]:
    """The kinds of one collected test: explicit markers, fixture names, and what its code runs."""
    kinds = {kind for kind in KINDS if item.get_closest_marker(kind) is not None}
    fixtures = set(getattr(item, "fixturenames", ()))
    for kind, names in KIND_FIXTURES.items():
        if fixtures & names:
            kinds.add(kind)
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info is not None else ():
        for definition in definitions:
            if _is_test_code(definition.func):
                kinds |= _kinds_of(definition.func, calls)
    function = getattr(item, "function", None)
    if function is not None:
        kinds |= _kinds_of(function, calls)
    return kinds


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast", action="store_true", help="只运行单元测试(未给 -m 时即 -m unit)，并拒绝单元测试启动 MkDocs、Chromium 或 nginx"
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--fast") and not config.option.markexpr:
        config.option.markexpr = "unit"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    calls = _kind_calls()
    for item in items:
        kinds = classify(item, calls)
        if "unit" in {m.name for m in item.iter_markers()} and kinds:
            raise pytest.UsageError(f"{item.nodeid} 标为 unit，却运行了 {'、'.join(sorted(kinds))}")
        for kind in sorted(kinds) or ["unit"]:
            if item.get_closest_marker(kind) is None:
                item.add_marker(kind)


# Command lines a unit test must not start (a path's last part, or a shell command's words).
SLOW_PROGRAMS = {"mkdocs", "chromium", "chromium-browser", "chrome", "headless_shell", "nginx", "publish.py", "bundle.py"}


def _slow_program(args: object) -> str | None:
    words = [
        os.fsdecode(a) for a in (args if isinstance(args, list | tuple) else [args]) if isinstance(a, str | bytes | os.PathLike)
    ]
    for word in words:
        name = Path(word).name
        if name in SLOW_PROGRAMS or "playwright" in word and "driver" in word or MKDOCS_COMMAND.search(word):
            return " ".join(words)
    return None


@pytest.fixture(autouse=True)
def _fast_guard(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under --fast, a unit test that starts MkDocs, Chromium or nginx fails and says how to mark it."""
    if not request.config.getoption("--fast") or request.node.get_closest_marker("unit") is None:
        return
    original = subprocess.Popen.__init__

    def refuse(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        command = _slow_program(args)
        if command is not None:
            self._child_created = False  # type: ignore[attr-defined]  # so Popen.__del__ of the half-made object stays quiet
            pytest.fail(
                f"单元测试 {request.node.nodeid} 启动了 `{command}`：它不是单元测试。请在它的模块里写 "
                "`pytestmark = pytest.mark.build`(或 browser、publish)，或用 tests/conftest.py 里能认出它的夹具。",
                pytrace=False,
            )
        original(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
