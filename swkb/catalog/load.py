"""Load the catalog directory into validated models, collecting every error of the run.

`load_catalog(root)` is the one entry point: it returns a `Catalog` or raises `CatalogErrors`
listing every problem (syntax, types, unknown fields, duplicate keys and IDs, dangling
references, cycles, impossible values), each with file and line.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import tempfile
import time
import types
import typing
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from swkb.catalog.errors import CatalogError, CatalogErrors, describe, did_you_mean, did_you_mean_name, level_hint
from swkb.catalog.labels import KIND_ZH
from swkb.catalog.memo import EntryMemo
from swkb.catalog.models import ENTRY_KINDS, LIST_FILES, PROBLEMS_ERROR, SLUG_PATTERN, RefTo, StrictModel
from swkb.catalog.onboarding import CHECKLIST_LINK, CHECKLIST_LINK_KINDS
from swkb.catalog.reader import PARSER_VERSION, Parsed, Path_, YamlDocument, dotted, read_yaml
from swkb.catalog.store import Catalog, Located

# catalog/<dir>/*.yml holds one entry of the kind named here.
ENTRY_DIRS: dict[str, str] = {"documents": "document", "regions": "region", "services": "service", "roles": "role"}
SCHEMA_DIR = "schema"


def catalog_files(root: Path) -> list[Path]:
    """Every YAML file under the catalog root, in a stable order (the schema folder excluded),
    and every link, whatever its name: links are refused, not followed.

    The order is that of the paths' parts (as `sorted` orders Path objects). Walked with
    os.scandir, never into a linked folder: `root.rglob("*")` with a Path made and checked for
    every entry took 0.11 s at 3,000 regions, and a serve save lists the folder four times."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            listing = os.scandir(folder)
        except PermissionError:  # as rglob did: an unreadable folder is passed over
            return
        with listing as entries:
            for entry in entries:
                here = (*parts, entry.name)
                if not parts and entry.name == SCHEMA_DIR:
                    continue
                link = entry.is_symlink()
                if link or _suffix(entry.name) in (".yml", ".yaml"):
                    found.append((here, entry.path))
                if not link and entry.is_dir():
                    walk(entry.path, here)

    if root.is_dir():
        walk(str(root), ())
    return [Path(path) for _, path in sorted(found)]


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`: from the last dot, unless the name starts or ends with it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def catalog_version(catalog_dir: Path) -> str:
    """First 12 hex digits of a SHA-256 over every catalog file (path and bytes): same data, same
    version. Here, beside catalog_files, because both the build information and the change log
    (swkb.publish.buildinfo, swkb.publish.changelog) name a catalog by it."""
    digest = hashlib.sha256()
    for path in catalog_files(catalog_dir):
        digest.update(path.relative_to(catalog_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


class LoadCache:
    """What each file gave the last time, for loading the same catalog again and again (the
    `mkdocs serve` preview checks it on every save): a file whose size and modification time are
    unchanged is neither read nor validated again. The checks across entries always run.

    With a `folder`, the parses also outlast the process: a full build reads every file but
    parses only those whose bytes it has not parsed before (parsing was three quarters of loading
    3,000 regions). The folder holds one file, named by the reader's version, with the parses of
    the files the last load read; it is replaced whole, so a build that stops halfway or runs
    beside another leaves a complete one, and it can be deleted at any time."""

    def __init__(self, folder: Path | None = None) -> None:
        self.catalog_dir: Path | None = None
        """The catalog folder of the last load: each catalog keeps its own file in `folder`."""
        self._docs: dict[Path, tuple[tuple[int, int], YamlDocument]] = {}
        self._models: dict[tuple[int, type[StrictModel]], tuple[YamlDocument, Any, list[CatalogError]]] = {}
        self.folder = folder
        self._known: dict[bytes, Parsed] | None = None
        """Parses by the hash of the file's bytes: the folder's, and those made since."""
        self._used: dict[bytes, Parsed] = {}
        """The parses of the files this load read (what the folder keeps for the next one)."""
        self.memo = EntryMemo()
        """What views work out from one entry, for the unchanged entries of the next load."""
        self.save_later = False
        """`save` only notes the parses and `flush` writes them: `mkdocs serve` writes them after
        the edited page is shown (at 3,000 regions the file took half a second of each save)."""
        self._pending: tuple[Path, dict[bytes, Parsed]] | None = None

    def read(self, path: Path, shown: str) -> YamlDocument:
        stat = path.stat()
        signature = (stat.st_size, stat.st_mtime_ns)
        cached = self._docs.get(path)
        if cached is not None and cached[0] == signature and cached[1].path == shown:
            doc = cached[1]
        else:
            doc = read_yaml(path, shown, self._parses())
            self._docs[path] = (signature, doc)
        if self.folder is not None and doc.digest is not None and not doc.errors:
            self._used[doc.digest] = (doc.data, doc.lines)
        return doc

    def validate(self, model: type[StrictModel], doc: YamlDocument, errors: list[CatalogError]) -> Any:
        cached = self._models.get((id(doc), model))
        if cached is None or cached[0] is not doc:
            found: list[CatalogError] = []
            cached = self._models[id(doc), model] = (doc, _validate(model, doc, found), found)
        errors += cached[2]
        return cached[1]

    def use_folder_of(self, catalog_dir: Path) -> None:
        """Keep the parses of this catalog folder (a load of another one forgets the last's)."""
        if catalog_dir != self.catalog_dir:
            self.catalog_dir, self._known = catalog_dir, None

    def _store(self) -> Path | None:
        if self.folder is None:
            return None
        where = hashlib.sha256(str(self.catalog_dir).encode("utf-8")).hexdigest()[:12]
        return self.folder / f"parsed-{PARSER_VERSION}-{where}.pickle"

    def _parses(self) -> dict[bytes, Parsed] | None:
        store = self._store()
        if store is None:
            return None
        if self._known is None:
            self._known = {}
            try:
                with store.open("rb") as handle:
                    # Our own cache folder (.cache/, like the compiled templates): whoever can
                    # write there can already change the code that reads it.
                    known = pickle.load(handle)
                if isinstance(known, dict):
                    self._known = known
            except Exception:  # a missing, truncated or foreign file: parse everything again
                pass
        return self._known

    def save(self) -> None:
        """Keep the parses of the files this load read, if they are not what the folder holds;
        with `save_later`, only note them for `flush`."""
        store, used = self._store(), self._used
        self._used = {}
        if store is None or (self._known is not None and used.keys() == self._known.keys() and store.exists()):
            self._pending = None
            return
        if self.save_later:
            self._pending = (store, used)
            return
        self._write(store, used)

    def flush(self) -> None:
        """Write what the last `save` noted (`save_later`)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._write(*pending)

    def _write(self, store: Path, used: dict[bytes, Parsed]) -> None:
        try:
            store.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=store.parent, prefix=".parsed-", delete=False) as handle:
                temporary = Path(handle.name)
                try:
                    pickle.dump(used, handle, protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:
                    handle.close()
                    temporary.unlink(missing_ok=True)
                    raise
            os.replace(temporary, store)
        except OSError:
            return  # a read-only checkout builds as well, only without the head start
        # Another version's parses, and those of catalogs not built for a week (a test's copy).
        week_ago = time.time() - 7 * 24 * 3600
        for old in store.parent.glob("parsed-*.pickle"):
            try:
                if old != store and (PARSER_VERSION not in old.name or old.stat().st_mtime < week_ago):
                    old.unlink(missing_ok=True)
            except OSError:
                pass
        self._known = dict(used)


def load_catalog(root: Path, display_base: Path | None = None, cache: LoadCache | None = None) -> Catalog:
    """Read and check the whole catalog under `root`; raise `CatalogErrors` if anything is wrong.
    `cache` keeps each file's results for the next load of the same catalog."""
    root = Path(root)
    # Paths in messages are relative to the project (catalog/regions/x.yml) when the catalog is
    # inside it, else to the catalog's parent folder: never long absolute temp paths.
    base = display_base if display_base is not None and _is_within(root, display_base) else root.parent
    if not root.is_dir():
        raise CatalogErrors([CatalogError(str(root), 0, "", "找不到目录数据文件夹", "catalog/ 目录", "不存在")])
    errors: list[CatalogError] = []
    located: list[Located] = []
    # (file model, parsed file) for every readable file: references are checked on these.
    readable: list[tuple[type[StrictModel], YamlDocument]] = []
    # IDs written in files that failed validation: references to them are not reported twice.
    unvalidated: dict[str, set[str]] = defaultdict(set)

    # Where the catalog folder is shown from, worked out once (resolving every file's path was a
    # tenth of loading 3,000 regions): each file is then named by its path inside the folder.
    root_shown = _display(root, base)
    if cache is not None:
        cache.use_folder_of(root)
    for path in catalog_files(root):
        rel = path.relative_to(root)
        shown = f"{root_shown}/{rel.as_posix()}"
        outside = _link_out_of(path)
        if outside:
            # Never read: the message would show a line of whatever the link points at.
            errors.append(
                CatalogError(
                    shown,
                    0,
                    "",
                    "目录文件不能是指向别处的链接",
                    "catalog/ 里的普通文件",
                    outside,
                    "请把文件本身复制进 catalog/，不要用符号链接。",
                )
            )
            unvalidated[ENTRY_DIRS.get(rel.parts[0], "") if len(rel.parts) == 2 else ""].add(path.stem)
            continue
        doc = cache.read(path, shown) if cache else read_yaml(path, shown)
        errors += doc.errors
        if len(rel.parts) == 2 and rel.parts[0] in ENTRY_DIRS:
            kind = ENTRY_DIRS[rel.parts[0]]
            if doc.data is None:
                unvalidated[kind].add(path.stem)
                continue
            readable.append((ENTRY_KINDS[kind], doc))
            model = cache.validate(ENTRY_KINDS[kind], doc, errors) if cache else _validate(ENTRY_KINDS[kind], doc, errors)
            if model is None:
                unvalidated[kind].add(path.stem)
                continue
            if model.id != path.stem:
                errors.append(
                    CatalogError(
                        shown,
                        doc.line_of(("id",)),
                        "id",
                        "ID 必须与文件名一致，便于按文件找到条目",
                        f"`{path.stem}`",
                        f"`{model.id}`",
                        f"请把 id 改为 `{path.stem}`，或把文件改名为 `{model.id}{path.suffix}`。",
                    )
                )
            located.append(_locate(kind, model, doc, ()))
        elif len(rel.parts) == 1 and rel.name in LIST_FILES:
            file_model, list_field, kind = LIST_FILES[rel.name]
            if doc.data is None:
                unvalidated[kind].add("*")
                continue
            readable.append((file_model, doc))
            model = cache.validate(file_model, doc, errors) if cache else _validate(file_model, doc, errors)
            if model is None:
                items = doc.data.get(list_field) if isinstance(doc.data, dict) else None
                unvalidated[kind].update(str(i.get("id")) for i in items or [] if isinstance(i, dict))
                continue
            for i, item in enumerate(getattr(model, list_field)):
                loc = (list_field, i)
                located.append(_locate(kind, item, doc, loc))
        else:
            expected = "、".join(f"{d}/*.yml" for d in ENTRY_DIRS) + "、" + "、".join(LIST_FILES)
            errors.append(CatalogError(shown, 0, "", "不认识的目录文件位置", expected, rel.as_posix()))

    if cache is not None:
        cache.save()
        cache.memo.next_load()
    catalog = Catalog(located, cache.memo if cache is not None else EntryMemo())
    errors += _duplicate_ids(located)
    errors += _dangling_references(catalog, readable, unvalidated)
    errors += _region_cycles(catalog, located)
    errors += _checklist_links(catalog, unvalidated)
    errors += _alias_conflicts(catalog)
    if errors:
        raise CatalogErrors(errors)
    return catalog


# --------------------------------------------------------------------------------------------
# Helper functions
# --------------------------------------------------------------------------------------------


def _locate(kind: str, model: Any, doc: YamlDocument, loc: Path_) -> Located:
    lines = {name: doc.line_of(loc + (name,)) for name in type(model).model_fields if loc + (name,) in doc.lines}
    return Located(kind, model.id, model, doc.path, doc.line_of(loc), loc, lines)


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _link_out_of(path: Path) -> str:
    """What is wrong when `path` is a link instead of a file of the catalog: empty when it is not.
    Only the entry itself needs checking: `rglob` lists a linked folder but does not go into it."""
    return "符号链接" if path.is_symlink() else ""


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _validate(model: type[StrictModel], doc: YamlDocument, errors: list[CatalogError]) -> Any:
    """Validate `doc.data` against `model`; translate pydantic's errors into located Chinese ones."""
    if not isinstance(doc.data, dict):
        errors.append(CatalogError(doc.path, 1, "", "文件顶层必须是“键: 值”映射", "映射", describe(doc.data)))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            errors.extend(_translate(err, model, doc))
        return None


_PYDANTIC_TAG = re.compile(r"^[a-z][a-z-]*\[.*\]$")


def _clean_loc(raw: tuple[Any, ...], doc: YamlDocument) -> Path_:
    """pydantic's location without its internal tags (`function-before[...]`), keeping every
    key that is really in the file, even one that happens to look like a tag."""
    loc: list[str | int] = []
    for part in raw:
        if isinstance(part, str) and _PYDANTIC_TAG.match(part) and tuple(loc) + (part,) not in doc.lines:
            continue
        loc.append(part)
    return tuple(loc)


def _translate(err: Any, model: type[BaseModel], doc: YamlDocument) -> list[CatalogError]:
    loc = _clean_loc(err["loc"], doc)
    if err["type"] == PROBLEMS_ERROR:
        return [
            CatalogError(doc.path, doc.line_of(loc + p.loc), dotted(loc + p.loc), p.message, p.expected, p.found)
            for p in err["ctx"]["problems"]
        ]
    return [_translate_one(err, loc, model, doc)]


def _translate_one(err: Any, loc: Path_, model: type[BaseModel], doc: YamlDocument) -> CatalogError:
    kind = err["type"]
    found = describe(err.get("input"))
    field = dotted(loc)
    line = doc.line_of(loc)
    ctx = err.get("ctx") or {}
    name = str(loc[-1]) if loc else "?"
    if kind == "missing":
        return CatalogError(doc.path, line, field, f"缺少必填字段 `{name}`", "填写该字段", "缺失")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return CatalogError(
            doc.path,
            line,
            field,
            f"未知字段 `{name}`",
            "以下字段之一：" + "、".join(allowed[:12]) + ("…" if len(allowed) > 12 else ""),
            f"`{name}`",
            did_you_mean(name, allowed),
        )
    if kind == "literal_error":
        options = [o.strip(" '\"") for o in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        options = [o for o in options if o]
        hint = did_you_mean(str(err.get("input")), options)
        if name == "level":
            hint = level_hint(err.get("input"), options) or hint
        return CatalogError(doc.path, line, field, "取值不在允许范围内", "、".join(options), found, hint)
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        hint = "数字不要加引号或单位；单位写在 unit 字段。" if isinstance(err.get("input"), str) else ""
        return CatalogError(doc.path, line, field, "应为数字", "数字(不加引号)", found, hint)
    if kind == "string_type":
        return CatalogError(doc.path, line, field, "应为文字", "文字", found)
    if kind == "string_too_short":
        return CatalogError(doc.path, line, field, "不能为空", "非空文字", found)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return CatalogError(
                doc.path,
                line,
                field,
                "ID 只能由小写字母、数字和连字符组成",
                "如 changshu-2021-101",
                found,
                "中文名称写在 name/title 字段，ID 用拼音或英文。",
            )
        return CatalogError(doc.path, line, field, "格式不对", str(ctx.get("pattern", "")), found)
    if kind in ("list_type",):
        return CatalogError(doc.path, line, field, "应为列表(每项以“- ”开头)", "列表", found)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return CatalogError(doc.path, line, field, "应为“键: 值”映射", "映射", found)
    if kind == "bool_type" or kind == "bool_parsing":
        return CatalogError(doc.path, line, field, "应为 true 或 false", "true / false", found)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        sign = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}[kind]
        return CatalogError(doc.path, line, field, "数值超出范围", f"{sign} {bound}", found)
    if kind == "value_error":
        message = str(ctx.get("error", err.get("msg", "")))
        return CatalogError(doc.path, line, field, message, "", "")
    return CatalogError(doc.path, line, field, f"取值无效：{err.get('msg', '')}", "", found)


def _allowed_fields(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the (nested) model that `loc` points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X`, `X | None` or `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _ref_kind(annotation: Any, metadata: list[Any]) -> RefTo | None:
    for meta in metadata:
        if isinstance(meta, RefTo):
            return meta
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefTo):
            return meta
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _ref_kind(arg, [])
            if found:
                return found
    return None


@functools.cache
def _reference_plan(model: type[BaseModel]) -> tuple[tuple[str, str | None, str | None, type[BaseModel] | None], ...]:
    """Per field of `model`: (name, kind it refers to, kind its list items refer to, nested model).

    Worked out once per model class; walking thousands of entries then costs only dict lookups."""
    plan = []
    for name, info in model.model_fields.items():
        ref = _ref_kind(info.annotation, info.metadata)
        args = typing.get_args(info.annotation)
        item_type = args[0] if args else None
        item_ref = _ref_kind(item_type, []) if item_type is not None else None
        plan.append(
            (
                name,
                ref.kind if ref else None,
                item_ref.kind if item_ref else None,
                None if ref else (_model_in(item_type) if item_type is not None else None) or _model_in(info.annotation),
            )
        )
    return tuple(plan)


def iter_references(model: type[BaseModel], data: Any, loc: Path_ = ()) -> Iterator[tuple[str, str, Path_]]:
    """Every (kind, id, location) that raw `data`, read as `model`, refers to.

    Works on the parsed YAML rather than on validated models, so a file with a type error
    still has its references checked in the same run.
    """
    if not isinstance(data, dict):
        return
    for name, kind, item_kind, sub in _reference_plan(model):
        if name not in data:
            continue
        value = data[name]
        if kind:
            if isinstance(value, str):
                yield kind, value, loc + (name,)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if item_kind and isinstance(item, str):
                    yield item_kind, item, loc + (name, i)
                elif sub is not None:
                    yield from iter_references(sub, item, loc + (name, i))
        elif sub is not None:
            yield from iter_references(sub, value, loc + (name,))


def _references(model: type[BaseModel], doc: YamlDocument) -> tuple[tuple[str, str, Path_], ...]:
    return tuple(iter_references(model, doc.data))


def _duplicate_ids(located: list[Located]) -> list[CatalogError]:
    seen: dict[tuple[str, str], Located] = {}
    errors = []
    for entry in located:
        key = (entry.kind, entry.id)
        if key in seen:
            first = seen[key]
            errors.append(
                CatalogError(
                    entry.file,
                    entry.line,
                    dotted(entry.loc + ("id",)),
                    f"{KIND_ZH[entry.kind]} ID `{entry.id}` 重复",
                    "每个 ID 只用一次",
                    f"{first.file}:{first.line} 已使用",
                    "复制文件后请改成新的 ID。",
                )
            )
        else:
            seen[key] = entry
    return errors


def _names_of(catalog: Catalog, kind: str) -> dict[str, str]:
    """Every name an editor may write instead of an ID (name, title, 文号, term, aliases) → ID."""
    names: dict[str, str] = {}
    for entry_id in sorted(catalog.ids(kind)):
        model = catalog.located(kind, entry_id).model
        for attr in ("name", "title", "number", "term", "aliases", "abbreviations"):
            value = getattr(model, attr, None)
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and name:
                    names.setdefault(name, entry_id)
    return names


def _dangling_references(
    catalog: Catalog, readable: list[tuple[type[StrictModel], YamlDocument]], unvalidated: dict[str, set[str]]
) -> list[CatalogError]:
    errors = []
    names: dict[str, dict[str, str]] = {}
    for model, doc in readable:
        # Kept for the parsed file, which the load cache hands out again while the file is
        # unchanged: walking every file's data took 0.3 s of each serve save at 3,000 regions.
        references = catalog.memo.get(f"references:{model.__name__}", doc, partial(_references, model, doc))
        for kind, ref, loc in references:
            known = catalog.ids(kind)
            if ref in known or ref in unvalidated[kind] or "*" in unvalidated[kind]:
                continue
            if kind not in names:
                names[kind] = _names_of(catalog, kind)
            # A name written where the ID belongs (养老为老服务 for yanglao-weilao) is the likelier slip.
            hint = did_you_mean_name(ref, names[kind]) or did_you_mean(ref, known)
            errors.append(
                CatalogError(
                    doc.path,
                    doc.line_of(loc),
                    dotted(loc),
                    f"引用了不存在的{KIND_ZH[kind]} `{ref}`",
                    f"已有的{KIND_ZH[kind]} ID",
                    f"`{ref}`",
                    hint,
                )
            )
    return errors


def _region_cycles(catalog: Catalog, located: list[Located]) -> list[CatalogError]:
    errors = []
    parents = {rid: r.parent for rid, r in catalog.regions.items()}
    for entry in located:
        if entry.kind != "region":
            continue
        chain = [entry.id]
        current = parents.get(entry.id)
        while current is not None and current in parents:
            if current in chain:
                if current == entry.id:
                    errors.append(
                        CatalogError(
                            entry.file,
                            entry.line_of("parent"),
                            "parent",
                            "上级地区形成循环",
                            "上级链最终到达省级地区",
                            " → ".join(chain + [current]),
                        )
                    )
                break
            chain.append(current)
            current = parents.get(current)
    return errors


def _checklist_links(catalog: Catalog, unvalidated: dict[str, set[str]]) -> list[CatalogError]:
    """`[[kind:id]]` links in checklist text must name existing entries (their kinds are checked
    by the model). Links into a file that failed its own checks are not reported again: the
    real error is in that file, and its entries are simply not known yet."""
    errors = []
    for entry in catalog.entries:
        if entry.kind != "checklist":
            continue
        for match in CHECKLIST_LINK.finditer(entry.model.text):
            kind, ref = match.group(1), match.group(2)
            if ref in unvalidated[kind] or "*" in unvalidated[kind]:
                continue
            if kind in CHECKLIST_LINK_KINDS and ref not in catalog.ids(kind):
                errors.append(
                    CatalogError(
                        entry.file,
                        entry.line_of("text"),
                        dotted(entry.loc + ("text",)),
                        f"清单里的链接指向不存在的{KIND_ZH[kind]} `{ref}`",
                        f"已有的{KIND_ZH[kind]} ID",
                        match.group(0),
                        did_you_mean(ref, catalog.ids(kind)),
                    )
                )
    return errors


ALIAS_KINDS = ("term", "service")
"""Kinds whose entries carry `aliases`: the everyday words search maps onto them."""


def _official_names(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Every name the catalog itself gives an entry (term, abbreviation, synonym, service, post
    and region names) → (kind, id): an alias must not be one of them, or it would take readers
    who typed that name away from the entry it names."""
    names: dict[str, tuple[str, str]] = {}
    for kind, attrs in (
        ("term", ("term", "abbreviations", "synonyms")),
        ("service", ("name",)),
        ("role", ("name", "aliases")),
        ("region", ("name",)),
    ):
        for entry_id in sorted(catalog.ids(kind)):
            model = catalog.located(kind, entry_id).model
            for attr in attrs:
                value = getattr(model, attr, None)
                for name in value if isinstance(value, list) else [value]:
                    if isinstance(name, str) and name:
                        names.setdefault(name, (kind, entry_id))
    return names


def _alias_conflicts(catalog: Catalog) -> list[CatalogError]:
    """An alias is used once per kind (one glossary term, one service), says something the entry's
    own names do not, and is not another entry's name."""
    errors = []
    official = _official_names(catalog)
    for kind in ALIAS_KINDS:
        first: dict[str, Located] = {}
        for entry in catalog.entries:
            if entry.kind != kind:
                continue
            own = {n for n, key in official.items() if key == (kind, entry.id)}
            line = entry.line_of("aliases")
            for i, alias in enumerate(getattr(entry.model, "aliases", [])):
                where = dotted(entry.loc + ("aliases", i))
                taken = official.get(alias)
                if alias in own:
                    errors.append(
                        CatalogError(
                            entry.file,
                            line,
                            where,
                            f"别名“{alias}”已是这个{KIND_ZH[kind]}自己的名称、简称或同义说法",
                            "文件里不用的口头说法",
                            f"“{alias}”",
                            "请删去这个别名：搜索已经能按名称找到它。",
                        )
                    )
                elif taken is not None:
                    other = catalog.located(*taken)
                    errors.append(
                        CatalogError(
                            entry.file,
                            line,
                            where,
                            f"别名“{alias}”是另一个{KIND_ZH[taken[0]]} `{taken[1]}` 的名称",
                            "不与其他条目的名称相同的说法",
                            f"“{alias}”({other.file}:{other.line})",
                            f"输入“{alias}”的读者要找的是 `{taken[1]}`，请删去这个别名。",
                        )
                    )
                elif alias in first:
                    earlier = first[alias]
                    same = earlier is entry
                    errors.append(
                        CatalogError(
                            entry.file,
                            line,
                            where,
                            f"别名“{alias}”重复" if same else f"别名“{alias}”已用在{KIND_ZH[kind]} `{earlier.id}` 上",
                            f"每个别名在{'这一条' if same else KIND_ZH[kind] + '里'}只用一次",
                            f"“{alias}”" if same else f"“{alias}”({earlier.file}:{earlier.line_of('aliases')})",
                            "请删去重复的一处。" if same else "一个说法只对到一个条目；请留在更贴切的那一条上。",
                        )
                    )
                else:
                    first[alias] = entry
    return errors
