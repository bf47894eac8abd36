"""Load and validate YAML content packs, reporting every problem as ``FILE:LINE: field: message``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from hireloop.bank.models import MAX_KEY_POINTS, Card, Misconception, Question
from hireloop.inputs import preview

if TYPE_CHECKING:
    import yaml  # imported where a file is parsed: a start that reads packs from the cache never needs it
MAX_PACK_BYTES = 5_000_000  # the shipped packs are well under 1 MB together
MAX_EXPANDED_NODES = 200_000  # the shipped packs together have about 20,000
TOP_LEVEL_KEYS = {"questions": Question, "cards": Card, "misconceptions": Misconception}
_KINDS = "'questions:', 'cards:' or 'misconceptions:'"
BUILTIN_CONTENT = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, located as precisely as the YAML allows."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class Bank:
    """All questions and cards from every pack, with where each was defined."""

    questions: dict[str, Question] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    misconceptions: dict[str, Misconception] = field(default_factory=dict)
    origins: dict[str, tuple[Path, int]] = field(default_factory=dict)

    def by_round(self, round_id: str) -> list[Question]:
        return [q for q in self.questions.values() if q.round == round_id]

    def question(self, question_id: str) -> Question:
        """A question by its id or any unique prefix of it."""
        found = self.questions.get(question_id)
        if found is not None:
            return found
        matches = sorted(q for q in self.questions if question_id and q.startswith(question_id))
        if len(matches) == 1:
            return self.questions[matches[0]]
        raise UnknownQuestionError(question_id, matches)


class UnknownQuestionError(KeyError):
    def __init__(self, question_id: str, matches: Sequence[str] = ()) -> None:
        super().__init__(question_id)
        self.question_id = question_id
        self.matches = list(matches)

    def __str__(self) -> str:
        if self.matches:
            shown = ", ".join(self.matches[:5]) + (", …" if len(self.matches) > 5 else "")
            count = len(self.matches)
            return f"'{self.question_id}' matches {count} questions ({shown}); give more of the id"
        return f"unknown question id '{self.question_id}'; run 'hireloop bank list' to see the ids"


class ContentLoadError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


def content_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def _node_at(node: yaml.Node, loc: Iterable[object]) -> yaml.Node:
    """Follow a pydantic error location through the YAML node tree, as deep as it goes."""
    import yaml

    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if str(k.value) == str(part)), None)
            if match is None:
                key = next((k for k, _ in node.value if str(k.value) == str(part)), None)
                return key or node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node


def _field_path(loc: Sequence[object]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(item)"


def _describe(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field; check the spelling against docs/CONTENT.md"
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "literal_error":
        expected = error["msg"].removeprefix("Input should be ")
        return f"got {preview(error['input'])}; expected one of {expected}"
    # pydantic messages name the type, never the (possibly huge, alias-expanded) value.
    return preview(error["msg"].removeprefix("Value error, "), limit=300).strip("'\"")


def _validate_items(
    path: Path, kind: str, items_node: yaml.Node, items: object
) -> tuple[list[tuple[BaseModel, int]], list[ContentError]]:
    model = TOP_LEVEL_KEYS[kind]
    if not isinstance(items, list):
        return [], [ContentError(path, items_node.start_mark.line + 1, kind, "expected a list")]
    valid: list[tuple[BaseModel, int]] = []
    errors: list[ContentError] = []
    for index, item in enumerate(items):
        item_node = items_node.value[index]
        try:
            valid.append((model.model_validate(item), item_node.start_mark.line + 1))
        except ValidationError as exc:
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            for err in exc.errors():
                loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
                line = _node_at(item_node, loc).start_mark.line + 1
                where = _field_path(loc)
                prefix = f"{kind}[{index}]" + (f" ({label})" if label else "")
                errors.append(ContentError(path, line, f"{prefix}.{where}", _describe(err)))
    return valid, errors


def parse_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """Parse once into the node tree (for line numbers) and the Python data built from it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml is ~20x faster where present
    try:
        root = loader.get_single_node()
        check_expansion(root)
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


class YamlTooLarge(ValueError):
    """A document whose aliases expand past MAX_EXPANDED_NODES (a "billion laughs")."""


def check_expansion(root: yaml.Node | None) -> None:
    """Count the nodes the document has once every alias is expanded, without expanding anything.

    A few hundred bytes of nested aliases (``&a [*b, *b, ...]``) expand to billions of values once
    validated or printed; such documents are refused before anything is built from them.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:  # iterative post-order: a deeply nested file cannot exhaust the stack here
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise YamlTooLarge(
                    f"expands to more than {MAX_EXPANDED_NODES:,} values through aliases (*name); "
                    "write the values out"
                )
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def read_file(path: Path) -> tuple[dict[str, list[tuple[BaseModel, int]]], list[ContentError]]:
    """Parse one YAML file into validated questions and cards, with their line numbers."""
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            return {}, [
                ContentError(
                    path, 1, "file", f"{size:,} bytes is over the {MAX_PACK_BYTES:,}-byte limit for a pack"
                )
            ]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [ContentError(path, 1, "file", f"cannot read: {preview(str(exc), limit=200)}")]
    from hireloop import cache

    # Parsing and validating (every catalogue pattern is compiled) is the slow part of a start; a valid
    # file's result depends only on its text and this code, so it is kept under their hash.
    value_key = cache.key(text, code=_CODE)
    return cache.cached("content", value_key, lambda: _read_text(path, text), keep=lambda found: not found[1])


_CODE = ("hireloop.bank.loader", "hireloop.bank.models", "hireloop.vocab", "pydantic_core")


def _read_text(
    path: Path, text: str
) -> tuple[dict[str, list[tuple[BaseModel, int]]], list[ContentError]]:
    import yaml

    try:
        root, data = parse_yaml(text)
    except YamlTooLarge as exc:
        return {}, [ContentError(path, 1, "yaml", str(exc))]
    except RecursionError:
        return {}, [ContentError(path, 1, "yaml", "nested too deeply")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return {}, [ContentError(path, line, "yaml", f"syntax error: {problem}")]
    if root is None:
        return {}, [ContentError(path, 1, "file", f"empty file; expected {_KINDS}")]
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return {}, [ContentError(path, 1, "file", f"expected a mapping with {_KINDS}")]
    found: dict[str, list[tuple[BaseModel, int]]] = {}
    errors: list[ContentError] = []
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in TOP_LEVEL_KEYS:
            errors.append(
                ContentError(
                    path,
                    key_node.start_mark.line + 1,
                    str(key),
                    "unknown top-level key; expected 'questions', 'cards' or 'misconceptions'",
                )
            )
            continue
        valid, item_errors = _validate_items(path, key, value_node, data[key])
        found[key] = valid
        errors.extend(item_errors)
    return found, errors


def load_bank(paths: Iterable[Path]) -> tuple[Bank, list[ContentError]]:
    """Load every pack; return the bank of valid content and every problem found (never raises)."""
    bank = Bank()
    errors: list[ContentError] = []
    for base in paths:
        if not base.exists():
            errors.append(ContentError(base, 1, "path", "no such file or directory"))
            continue
        for path in content_files(base):
            found, file_errors = read_file(path)
            errors.extend(file_errors)
            for kind, items in found.items():
                target = getattr(bank, kind)
                for item, line in items:
                    item_id = item.id  # type: ignore[attr-defined]
                    if item_id in bank.origins:
                        first_file, first_line = bank.origins[item_id]
                        errors.append(
                            ContentError(
                                path,
                                line,
                                "id",
                                f"duplicate id '{item_id}' (first defined at {first_file}:{first_line})",
                            )
                        )
                        continue
                    bank.origins[item_id] = (path, line)
                    target[item_id] = item  # type: ignore[index]
    errors.extend(_dangling_cards(bank))
    errors.extend(_builtin_cards_without_key_points(bank))
    return bank, errors


def _dangling_cards(bank: Bank) -> list[ContentError]:
    """A misconception names the drill card that teaches it; that card must exist in some pack."""
    out: list[ContentError] = []
    for m in bank.misconceptions.values():
        if m.card not in bank.cards:
            path, line = bank.origins[m.id]
            where = f"misconceptions ({m.id}).card"
            out.append(ContentError(path, line, where, f"no card with id '{m.card}'"))
    return out


def _builtin_cards_without_key_points(bank: Bank) -> list[ContentError]:
    """Key points are optional in a user's pack but required on every card hireloop ships."""
    out: list[ContentError] = []
    for card in bank.cards.values():
        path, line = bank.origins[card.id]
        if not card.key_points and path.resolve().is_relative_to(BUILTIN_CONTENT):
            out.append(
                ContentError(
                    path,
                    line,
                    f"cards ({card.id}).key_points",
                    f"required on built-in cards: 1-{MAX_KEY_POINTS} short points shown first on reveal",
                )
            )
    return out


def load_bank_strict(paths: Iterable[Path]) -> Bank:
    bank, errors = load_bank(paths)
    if errors:
        raise ContentLoadError(errors)
    return bank
