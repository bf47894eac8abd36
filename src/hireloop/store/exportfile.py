"""An export document read and written a record at a time, so its size never decides the memory used.

Reading uses ijson (yajl, in C): a checking scan that walks the whole document once and hands each
record of each top-level list over as it completes, and fast per-section scans for the writing pass.
Writing puts one record per line, which keeps the document the same JSON a reader loads whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from hireloop.store.records import ImportFormatError


@dataclass(frozen=True)
class TopValue:
    """A top-level key with a scalar value (``format``, ``version``...)."""

    key: str
    value: Any


@dataclass(frozen=True)
class ListStart:
    """A top-level key whose value is a list: its records follow as ``Item``s."""

    key: str


@dataclass(frozen=True)
class Item:
    key: str
    index: int
    value: Any


@dataclass(frozen=True)
class Other:
    """A top-level key holding an object: no section is one."""

    key: str


Event = TopValue | ListStart | Item | Other


class ExportSource(Protocol):
    """An export that can be read more than once: a checking scan, then the items of one section."""

    def scan(self) -> Iterator[Event]: ...

    def items(self, key: str) -> Iterator[Any]: ...

    def position(self) -> int:
        """How far the current scan has read, in units of ``size()`` (bytes of a file)."""
        ...

    def size(self) -> int: ...


class ExportDoc:
    """An export already in memory (a parsed dict), for callers that hold one."""

    def __init__(self, doc: object) -> None:
        self.doc = doc

    def position(self) -> int:
        return 0

    def size(self) -> int:
        return 0

    def scan(self) -> Iterator[Event]:
        if not isinstance(self.doc, dict):
            raise ImportFormatError('format: expected a JSON object with "format": "hireloop-export"')
        for key, value in self.doc.items():
            if isinstance(value, list):
                yield ListStart(key)
                for index, item in enumerate(value):
                    yield Item(key, index, item)
            elif isinstance(value, dict):
                yield Other(key)
            else:
                yield TopValue(key, value)

    def items(self, key: str) -> Iterator[Any]:
        assert isinstance(self.doc, dict)
        yield from self.doc.get(key) or []


class _Counting:
    """A binary file that counts the bytes and lines handed to the parser (progress, error positions)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.bytes = 0
        self.lines = 1

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.bytes += len(chunk)
        self.lines += chunk.count(b"\n")
        return chunk


class ExportFile:
    """An export on disk, parsed as a stream; JSON errors name the file, the line and the last record."""

    CHUNK = 16 * 1024  # small reads keep "near line N" in an error close to the fault

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_bytes = 0  # progress of the current scan

    def size(self) -> int:
        return self.path.stat().st_size

    def position(self) -> int:
        return self.read_bytes

    def scan(self) -> Iterator[Event]:
        import ijson
        from ijson.common import ObjectBuilder

        last = "the start of the file"
        with self.path.open("rb") as raw:
            counted = _Counting(raw)
            events = ijson.parse(counted, buf_size=self.CHUNK, use_float=True)
            try:
                first = next(events, None)
                if first is None or first[1] != "start_map":
                    raise ImportFormatError('format: expected a JSON object with "format": "hireloop-export"')
                key = ""
                depth = 0  # inside a top-level value: how many containers are open
                in_list = False
                index = 0
                builder: ObjectBuilder | None = None
                for _prefix, event, value in events:
                    self.read_bytes = counted.bytes
                    if builder is not None:  # building one record of a top-level list
                        builder.event(event, value)
                        if event in ("start_map", "start_array"):
                            depth += 1
                        elif event in ("end_map", "end_array"):
                            depth -= 1
                        if depth == 1:
                            yield Item(key, index, builder.value)
                            last = f"{key}[{index}]"
                            index += 1
                            builder = None
                        continue
                    if depth == 0:
                        if event == "map_key":
                            key = value
                        elif event == "start_array":
                            depth, in_list, index = 1, True, 0
                            yield ListStart(key)
                        elif event == "start_map":
                            depth, in_list = 1, False
                            yield Other(key)
                        elif event != "end_map":
                            yield TopValue(key, value)
                            last = key
                        continue
                    if in_list and depth == 1:
                        if event == "end_array":
                            depth = 0
                            last = key
                        elif event in ("start_map", "start_array"):
                            builder = ObjectBuilder()
                            builder.event(event, value)
                            depth = 2
                        else:  # a scalar record
                            yield Item(key, index, value)
                            last = f"{key}[{index}]"
                            index += 1
                        continue
                    # inside a top-level object nobody reads: skip it
                    if event in ("start_map", "start_array"):
                        depth += 1
                    elif event in ("end_map", "end_array"):
                        depth -= 1
            except ijson.JSONError as exc:
                reason = str(exc).strip().splitlines()[0].strip() if str(exc).strip() else "malformed"
                raise ImportFormatError(
                    f"not valid JSON near line {counted.lines}, after {last} ({reason})"
                ) from None
            except UnicodeDecodeError:
                raise ImportFormatError(f"not UTF-8 text near line {counted.lines}, after {last}") from None

    def items(self, key: str) -> Iterator[Any]:
        import ijson

        with self.path.open("rb") as raw:
            counted = _Counting(raw)
            for item in ijson.items(counted, f"{key}.item", use_float=True):
                self.read_bytes = counted.bytes
                yield item


def export_pieces(
    header: dict[str, Any],
    sections: Iterable[tuple[str, Iterable[dict[str, Any] | str]]],
    counts: dict[str, int],
) -> Iterator[str]:
    """The export document as text, piece by piece: the header, then each section a record per line
    (dicts, or records already encoded as JSON). ``counts`` receives how many records each section had.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    yield "{"
    first = True
    for key, value in header.items():
        yield ("\n" if first else ",\n") + f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        first = False
    for key, records in sections:
        yield ("\n" if first else ",\n") + f"{json.dumps(key)}: ["
        first = False
        count = 0
        for record in records:
            yield ("\n" if count == 0 else ",\n") + (record if isinstance(record, str) else dumps(record))
            count += 1
        yield "\n]" if count else "]"
        counts[key] = count
    yield "\n}\n"


def chunked(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """Pieces of text joined into UTF-8 chunks of about ``size`` bytes (a web response's body)."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")
