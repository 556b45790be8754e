"""Read one YAML file into plain Python data plus a map from field path to line number.

PyYAML's own constructors drop line numbers and silently keep the last of duplicate keys.
We compose the node graph ourselves instead, so that every value keeps its line and every
duplicate key becomes an error. Scalars follow YAML 1.2 habits where 1.1 surprises editors:
only true/false are booleans (`no` stays text), and dates stay text for our own date parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from swkb.catalog.errors import CatalogError

# A catalog file is hand-edited text; anything larger is a mistake (a pasted dump, a binary).
MAX_FILE_BYTES = 1_000_000

Path_ = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PROBLEMS_ZH = {
    "found a tab character": "不能用制表符(Tab)缩进，请改用空格",
    "mapping values are not allowed here": "此处不能出现“键: 值”，可能是缩进不对，或冒号后缺少空格、文字里的冒号需要加引号",
    "could not find expected ':'": "缺少冒号“:”，或多行文字没有加引号",
    "found unexpected end of stream": "文件意外结束，可能有未闭合的引号或括号",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "did not find expected ',' or ']'": "方括号列表“[ ]”没有闭合，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "花括号映射“{ }”没有闭合，或各项之间缺少逗号",
    "did not find expected '-' indicator": "列表项缩进不一致，缺少“- ”",
    "found undefined alias": "引用了未定义的锚点(*别名)",
    "expected <block end>, but found '<block sequence start>'": "列表项缩进不一致",
    "expected <block end>, but found '<block mapping start>'": "键的缩进不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致，或文字中有未加引号的特殊字符",
    "found unknown escape character": "双引号文字中有无效的转义字符(反斜杠)",
}


@dataclass
class YamlDocument:
    """The parsed content of one file and where each part of it stands."""

    path: str
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    errors: list[CatalogError] = field(default_factory=list)

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest existing prefix of `loc` (a missing field points at its parent)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def read_yaml(file: Path, display_path: str) -> YamlDocument:
    """Parse `file`; problems land in `.errors` (never raised), located by line."""
    doc = YamlDocument(display_path)
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        doc.errors.append(CatalogError(display_path, 1, "", "文件过大，不像是手工编辑的目录文件",
                                       f"不超过 {MAX_FILE_BYTES // 1000} KB", f"{len(raw) // 1000} KB"))
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.errors.append(CatalogError(display_path, 1, "", "文件以字节顺序标记(BOM)开头",
                                       "无 BOM 的 UTF-8 文本", "UTF-8 BOM",
                                       "请在编辑器里另存为“UTF-8(无 BOM)”。"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.errors.append(CatalogError(display_path, line, "", "文件不是 UTF-8 编码", "UTF-8 文本",
                                       f"第 {exc.start + 1} 字节处无法解码的字节 0x{raw[exc.start]:02x}",
                                       "请在编辑器里另存为 UTF-8(可能原来是 GBK/GB2312)。"))
        return doc
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.errors.append(CatalogError(display_path, 1, "", "文件为空(只有空白或注释)", "一个条目的内容", "空文件"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problem = str(exc.problem or "")
        # An unclosed bracket is noticed far below it; point at where it was opened.
        unclosed = problem.startswith("did not find expected ',' or") and exc.context_mark is not None
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        zh = next((v for k, v in _PROBLEMS_ZH.items() if problem.startswith(k)), f"YAML 语法错误：{problem}")
        bad_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        if "\t" in bad_line:
            zh = "不能用制表符(Tab)缩进或分隔，请改用空格"
        doc.errors.append(CatalogError(display_path, (mark.line + 1) if mark else 1, "", zh,
                                       "合法的 YAML", f"第 {mark.column + 1} 列附近" if mark else ""))
        return doc
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark object
        doc.errors.append(CatalogError(display_path, 1, "", f"YAML 无法读取：{exc}", "合法的 YAML 文本"))
        return doc
    doc.data = _build(node, (), doc) if node is not None else None
    return doc


def _build(node: yaml.Node, path: Path_, doc: YamlDocument) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path + ("<key>",), doc)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int)):
                doc.errors.append(CatalogError(doc.path, line, dotted(path), "键必须是文字", "文字键", repr(key)))
                continue
            key = str(key)
            if key in first_line:
                doc.errors.append(CatalogError(
                    doc.path, line, dotted(path + (key,)), f"键 `{key}` 重复出现，第 {first_line[key]} 行已有同名键",
                    "每个键只出现一次", f"第 {first_line[key]} 行与第 {line} 行",
                    "请删除或合并其中一个；YAML 会静默丢弃前一个值。"))
                continue
            first_line[key] = line
            doc.lines[path + (key,)] = line
            out[key] = _build(value_node, path + (key,), doc)
        doc.lines.pop(path + ("<key>",), None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


_constructor = yaml.SafeLoader("")


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag.endswith(":bool"):
        # YAML 1.1 reads yes/no/on/off as booleans; editors mean the words.
        return {"true": True, "false": False}.get(node.value.lower(), node.value)
    if tag.endswith(":timestamp"):
        return node.value
    if tag.endswith((":int", ":float", ":null")):
        return _constructor.construct_object(node)
    return node.value


def dotted(path: Path_) -> str:
    """`('staffing', 0, 'age_max')` → `staffing[0].age_max`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out

