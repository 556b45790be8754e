"""Read one YAML file into plain Python data plus a map from field path to line number.

PyYAML's own constructors drop line numbers and silently keep the last of duplicate keys.
We compose the node graph ourselves instead, so that every value keeps its line and every
duplicate key becomes an error. Scalars follow YAML 1.2 habits where 1.1 surprises editors:
only true/false are booleans (`no` stays text), and dates stay text for our own date parser.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
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

# Characters no catalog text may hold: C0 controls but tab and line breaks, DEL, C1 controls,
# surrogates and Unicode noncharacters. Word pastes them (\v for a manual line break); the xlsx
# export and browsers then fail far from the file, so they are refused where they are written.
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_CHAR_NAMES = {
    "\x0b": "垂直制表符(\\v，Word 的手动换行)",
    "\x0c": "换页符(\\f)",
    "\x00": "空字符(\\0)",
    "\x08": "退格符(\\b)",
    "\x1b": "转义符(ESC)",
    "\x7f": "删除符(DEL)",
}
# An anchor (&name) or alias (*name) can only start where one of these characters is.
_MAYBE_ANCHOR = re.compile(r"[&*]")

Parsed = tuple[Any, dict[Path_, int]]
"""What a clean file parses to: its data and the line of each field."""

PARSER_VERSION = hashlib.sha256(Path(__file__).read_bytes() + yaml.__version__.encode()).hexdigest()[:12]
"""Names this reader and PyYAML: parses kept from another version are not used."""


@dataclass
class YamlDocument:
    """The parsed content of one file and where each part of it stands."""

    path: str
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    errors: list[CatalogError] = field(default_factory=list)
    digest: bytes | None = field(default=None, compare=False)
    """A hash of the file's bytes (set when it was read with a store of earlier parses)."""

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest existing prefix of `loc` (a missing field points at its parent)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def read_yaml(file: Path, display_path: str, known: dict[bytes, Parsed] | None = None) -> YamlDocument:
    """Parse `file`; problems land in `.errors` (never raised), located by line.

    `known` holds earlier clean parses by the hash of the file's bytes: a file whose bytes were
    parsed before is not parsed again (the same bytes always parse the same), and a clean new
    parse is added to it. Files with errors are never kept, so every check still runs on them."""
    doc = YamlDocument(display_path)
    # Size and kind are checked before anything is read: a device or a pipe never ends.
    stat = file.stat()
    if not S_ISREG(stat.st_mode):
        doc.errors.append(CatalogError(display_path, 0, "", "不是普通文件", "普通的 YAML 文本文件", "设备、管道或其他特殊文件"))
        return doc
    if stat.st_size > MAX_FILE_BYTES:
        doc.errors.append(
            CatalogError(
                display_path,
                1,
                "",
                "文件过大，不像是手工编辑的目录文件",
                f"不超过 {MAX_FILE_BYTES // 1000} KB",
                f"{stat.st_size // 1000} KB",
            )
        )
        return doc
    with file.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        doc.errors.append(
            CatalogError(
                display_path,
                1,
                "",
                "文件过大，不像是手工编辑的目录文件",
                f"不超过 {MAX_FILE_BYTES // 1000} KB",
                f"超过 {MAX_FILE_BYTES // 1000} KB",
            )
        )
        return doc
    if known is not None:
        doc.digest = hashlib.blake2b(raw, digest_size=16).digest()
        hit = known.get(doc.digest)
        if hit is not None:
            doc.data, doc.lines = hit
            return doc
    _parse(raw, doc)
    if known is not None and doc.digest is not None and not doc.errors:
        known[doc.digest] = (doc.data, doc.lines)
    return doc


def _parse(raw: bytes, doc: YamlDocument) -> None:
    """Fill `doc` from the bytes of its file."""
    display_path = doc.path
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.errors.append(
            CatalogError(
                display_path,
                1,
                "",
                "文件以字节顺序标记(BOM)开头",
                "无 BOM 的 UTF-8 文本",
                "UTF-8 BOM",
                "请在编辑器里另存为“UTF-8(无 BOM)”。",
            )
        )
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.errors.append(
            CatalogError(
                display_path,
                line,
                "",
                "文件不是 UTF-8 编码",
                "UTF-8 文本",
                f"第 {exc.start + 1} 字节处无法解码的字节 0x{raw[exc.start]:02x}",
                "请在编辑器里另存为 UTF-8(可能原来是 GBK/GB2312)。",
            )
        )
        return
    bad_chars = _forbidden_characters(text, doc)
    if bad_chars:
        # Parsed with the characters blanked out, only to name the field each one is in.
        text = _FORBIDDEN_CHARS.sub(" ", text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.errors.append(CatalogError(display_path, 1, "", "文件为空(只有空白或注释)", "一个条目的内容", "空文件"))
        return
    if _MAYBE_ANCHOR.search(text) and _anchors_or_aliases(text, doc):
        return
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
        doc.errors.append(
            CatalogError(
                display_path,
                (mark.line + 1) if mark else 1,
                "",
                zh,
                "合法的 YAML",
                f"第 {mark.column + 1} 列附近" if mark else "",
            )
        )
        return
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark object
        doc.errors.append(CatalogError(display_path, 1, "", f"YAML 无法读取：{exc}", "合法的 YAML 文本"))
        return
    doc.data = _build(node, (), doc) if node is not None else None
    if bad_chars:
        doc.errors[: len(bad_chars)] = [_with_field(error, doc) for error in bad_chars]
        doc.data = None  # the file's own errors are its real problem; nothing else is checked


def _with_field(error: CatalogError, doc: YamlDocument) -> CatalogError:
    """The field whose value holds the character: the last key that starts at or above its line."""
    best: tuple[int, int, Path_] | None = None
    for loc, line in doc.lines.items():
        if line <= error.line and (best is None or (line, len(loc)) > best[:2]):
            best = (line, len(loc), loc)
    return replace(error, field=dotted(best[2])) if best is not None and best[2] else error


def describe_char(char: str) -> str:
    """A character no one can see, named so that an editor can find it."""
    return f"{_CHAR_NAMES.get(char, '控制字符')} U+{ord(char):04X}"


def _forbidden_characters(text: str, doc: YamlDocument) -> list[CatalogError]:
    """Control characters typed into the file itself, each located by line and column (they are
    the first errors of `doc`, and returned)."""
    found: list[CatalogError] = []
    for match in _FORBIDDEN_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(
            CatalogError(
                doc.path,
                line,
                "",
                "文件里有看不见的控制字符(常见于从 Word 粘贴)",
                "普通文字、空格、制表符或换行",
                f"第 {column} 列的{describe_char(match.group(0))}",
                "请删除这个字符；需要换行时直接回车，或用 YAML 的多行文字(|)。",
            )
        )
        if len(found) >= 20:
            break
    doc.errors += found
    return found


def _anchors_or_aliases(text: str, doc: YamlDocument) -> bool:
    """Refuse YAML anchors (&a) and aliases (*a) before any node is built: an alias repeats a
    part of the file without copying it, so a few hundred bytes can stand for gigabytes of data
    (the "billion laughs") or for a value that contains itself. Catalog files have no use for
    them: every value is written where it belongs. Read as events, so nothing is expanded."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                what = f"别名 *{anchor}" if isinstance(event, yaml.AliasEvent) else f"锚点 &{anchor}"
                doc.errors.append(
                    CatalogError(
                        doc.path,
                        line,
                        "",
                        "目录文件不能使用 YAML 锚点(&)和别名(*)",
                        "每个值直接写出",
                        f"第 {column} 列的{what}",
                        "请把要重复的内容直接写在用到的地方；文字里的 & 或 * 请加引号。",
                    )
                )
                return True
    except yaml.YAMLError:
        return False  # a syntax error: compose reports it with its line
    return False


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
                doc.errors.append(
                    CatalogError(
                        doc.path,
                        line,
                        dotted(path + (key,)),
                        f"键 `{key}` 重复出现，第 {first_line[key]} 行已有同名键",
                        "每个键只出现一次",
                        f"第 {first_line[key]} 行与第 {line} 行",
                        "请删除或合并其中一个；YAML 会静默丢弃前一个值。",
                    )
                )
                continue
            first_line[key] = line
            doc.lines[path + (key,)] = line
            out[key] = _build(value_node, path + (key,), doc)
        doc.lines.pop(path + ("<key>",), None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    if node.style == '"':
        _check_scalar(node, path, doc)
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


def _check_scalar(node: yaml.ScalarNode, path: Path_, doc: YamlDocument) -> None:
    """Control characters that an escape in a quoted string ("\\v", "\\uFFFF") put into a value."""
    match = _FORBIDDEN_CHARS.search(node.value)
    if match:
        doc.errors.append(
            CatalogError(
                doc.path,
                node.start_mark.line + 1,
                dotted(path),
                "文字里有看不见的控制字符(可能是引号里的转义写法，如 \\v、\\uFFFF)",
                "普通文字",
                describe_char(match.group(0)),
                "请删除这个转义；需要换行时用 YAML 的多行文字(|)。",
            )
        )


def dotted(path: Path_) -> str:
    """`('staffing', 0, 'age_max')` → `staffing[0].age_max`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
