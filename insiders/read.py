"""Read stage: paths, folders, stdin and archives become `Document`s (bytes + decoded text).

First stage of the pipeline (read -> detect -> parse -> normalize -> emit).  It
knows nothing about filings: it finds regular files, opens archives (`.gz`,
`.zip`, by their content, not their names), bounds every size, and decodes
bytes to text (BOMs, UTF-16, UTF-8, cp1252/latin-1).  Problems become
`InsidersError`s *yielded in place of the document*, so one bad file never stops
a batch.  Next stage: ``insiders.detect``.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .errors import DecodeError, InsidersError, LimitExceeded, ReadError, UnrecognisedDocument

# Bounds.  A real filing is rarely above a few MB; a submission with exhibits can
# reach tens of MB.  Everything above is refused with a clear message.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 100_000
MAX_COMPRESSION_RATIO = 200

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(slots=True)
class Document:
    """One input document: where it came from, its bytes, and (lazily) its text."""

    source: str
    data: bytes
    _text: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            text = decode(self.data, self.source)
            if not text or text.isspace():  # (``not text.strip()``, without copying the text)
                raise UnrecognisedDocument(self.source, "empty or whitespace-only file: no text to read")
            self._text = text
        return self._text

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> "Document":
        return cls(source=source, data=b"", _text=text)


# ---------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_BINARY_MAGIC = (
    (b"%PDF", "a PDF file (convert it to text first, e.g. with pdftotext)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Bytes to text.  Raises DecodeError for binary content.

    Order: byte-order marks; UTF-16 without a BOM (every other byte NUL); UTF-8;
    then cp1252, whose smart quotes and dashes are what Windows-made filings hold,
    with latin-1 for the five bytes cp1252 leaves undefined.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(source, f"invalid {encoding} after its byte-order mark") from exc
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise DecodeError(source, f"binary content: {what}")
    head = data[:4096]
    if 0 in head:  # (without a NUL byte, neither UTF-16 nor many NULs: most files)
        if _looks_utf16(head):
            encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
            try:
                return _normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError:
                pass
        if head.count(0) > len(head) // 8:
            raise DecodeError(source, "binary content (many NUL bytes); not a text document")
    if _control_ratio(data) > 0.10:
        raise DecodeError(source, "binary content (mostly control characters); not a text document")
    text = _decode_8bit(data, source)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _normalise_newlines(text)


def _decode_8bit(data: bytes, source: str = "<bytes>") -> str:
    """UTF-8 when the bytes are UTF-8 (even cut short or with a stray bad byte), else cp1252/latin-1.

    Bytes that are not UTF-8 and look random (control bytes, or mostly bytes above
    0x7f, which no English cp1252 text has) are refused as binary.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[:exc.start].decode("utf-8", errors="replace")  # a truncated file
        if _mostly_utf8(data):
            return data.decode("utf-8", errors="replace")
    head = data[:8192]
    if _control_ratio(head) > 0.01 or len(_HIGH_BYTE.findall(head)) > 0.3 * len(head):
        raise DecodeError(source, "binary content (not text in UTF-8, cp1252 or latin-1)")
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = data.decode("latin-1")
    return text


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Most non-ASCII bytes form valid UTF-8 sequences (a UTF-8 file with a few damaged bytes)."""
    high = len(_HIGH_BYTE.findall(data, 0, 1 << 20))
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(data, 0, 1 << 20))
    return high > 0 and valid >= 0.9 * high


def _looks_utf16(head: bytes) -> bool:
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1) or (
        even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1
    )


# Control bytes that never occur in text (tab, newlines, form feed and NUL are allowed;
# NULs are judged and removed separately).  UTF-8 and cp1252 never use these bytes
# inside a multi-byte character, so they can be counted before decoding.
_TEXT_BYTES = bytes(b for b in range(256) if not (b < 32 and b not in b"\t\n\r\f\v\x00"))


def _control_ratio(data: bytes) -> float:
    sample = data[:8192]
    if not sample:
        return 0.0
    return len(sample.translate(None, _TEXT_BYTES)) / len(sample)


def _normalise_newlines(text: str) -> str:
    """CRLF and CR-only line ends become LF, so offsets and lines agree for every parser."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# ---------------------------------------------------------------- paths and folders

def iter_documents(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: io.BufferedReader | None = None,
) -> Iterator[Document | InsidersError]:
    """Every document under ``paths`` in a stable order; errors are yielded, not raised.

    ``-`` reads standard input.  Folders are walked recursively in sorted order,
    following no symlinked folder twice and opening only regular files (FIFOs,
    sockets and devices are skipped so a batch never blocks on them).
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = read_bounded(stream, max_bytes + 1)
            if len(data) > max_bytes:
                yield LimitExceeded("-", f"standard input is larger than --max-bytes ({max_bytes:,} bytes)")
                continue
            yield from _expand("-", data, max_bytes)
            continue
        yield from _iter_path(path, max_bytes)


def iter_paths(paths: Iterable[str]) -> Iterator[str | InsidersError]:
    """The regular files under ``paths`` (a cheap walk: nothing is read)."""
    for path in paths:
        if path == "-":
            yield path
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield ReadError(display_path(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, set())
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield ReadError(display_path(path), "not a regular file (FIFO, socket or device); skipped")


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | InsidersError]:
    """Files under ``folder`` depth first in name order, without recursion (any depth).

    Each folder is entered once (by device and inode), so symlink loops end; only
    names are kept per folder, so a folder of a million files costs little.
    """
    stack: list[tuple[str, Iterator[str]]] = []
    listed = _list_folder(folder, seen)
    if isinstance(listed, InsidersError):
        yield listed
        return
    if listed is None:
        return
    stack.append((folder, iter(listed)))
    while stack:
        parent, names = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            continue
        path = os.path.join(parent, name)
        try:
            info = os.stat(path)  # follows symlinks; a dangling link fails here
        except OSError as exc:
            if os.path.islink(path):
                continue  # a dangling symlink: nothing to read
            yield ReadError(display_path(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            listed = _list_folder(path, seen, info)
            if isinstance(listed, InsidersError):
                yield listed
            elif listed is not None:
                stack.append((path, iter(listed)))
        elif stat.S_ISREG(info.st_mode):
            yield path
        # FIFOs, sockets and devices: skipped, never opened.


def _list_folder(folder: str, seen: set, info: os.stat_result | None = None) -> list[str] | InsidersError | None:
    """The sorted names in ``folder``; None when it was already walked."""
    try:
        info = info or os.stat(folder)
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return None  # a symlink loop, or the same folder reached twice
        seen.add(key)
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries)
    except OSError as exc:
        return ReadError(display_path(folder), _os_reason(exc))


def display_path(path: str) -> str:
    """A path as text that can always be printed and encoded (undecodable bytes as \\xNN)."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document | InsidersError]:
    """The documents in one regular file (several when it is an archive)."""
    return list(_read_file(path, max_bytes))


def read_documents(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, list[Document | InsidersError]]:
    """The raw bytes of one regular file (None when unreadable) and the documents in it."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InsidersError):
        return None, [data]
    return data, list(_expand(display_path(path), data, max_bytes))


def _iter_path(path: str, max_bytes: int) -> Iterator[Document | InsidersError]:
    for item in iter_paths([path]):
        if isinstance(item, InsidersError):
            yield item
        else:
            yield from _read_file(item, max_bytes)


def _read_file(path: str, max_bytes: int) -> Iterator[Document | InsidersError]:
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InsidersError):
        yield data
        return
    yield from _expand(display_path(path), data, max_bytes)


def _read_bytes(path: str, max_bytes: int) -> bytes | InsidersError:
    """A regular file's bytes, at most ``max_bytes``; an error for anything else."""
    try:
        # O_NONBLOCK: a FIFO swapped in after the walk must not hang the batch.
        fd = os.open(path, _OPEN_FLAGS)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):  # (what opening it as a file object reported)
                return ReadError(display_path(path), os.strerror(errno.EISDIR))
            if not stat.S_ISREG(info.st_mode):
                return ReadError(display_path(path), "not a regular file (FIFO, socket or device); skipped")
            if info.st_size > max_bytes:
                return _too_large(display_path(path), max_bytes)
            # Ask for the size the file has (plus one byte, to see it growing): a read of n
            # sets aside n bytes first, and --max-bytes is far larger than a filing.
            data = _read_fd(fd, info.st_size + 1, info.st_size)
            if len(data) > info.st_size:
                data += _read_fd(fd, max_bytes + 1 - len(data))
        finally:
            os.close(fd)
    except OSError as exc:
        return ReadError(display_path(path), _os_reason(exc))
    if len(data) > max_bytes:
        return _too_large(display_path(path), max_bytes)
    return data


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def _read_fd(fd: int, size: int, expected: int = -1) -> bytes:
    """Up to ``size`` bytes from a file descriptor, to its end (what a buffered file's
    ``read(size)`` gives, without building one: a file object costs more than the read).
    A first read that brings the ``expected`` size (the file's, from ``fstat``) is taken
    for the end, without another read to be told so."""
    data = os.read(fd, size)
    if not data or len(data) == size or len(data) == expected:
        return data
    chunks = [data]
    size -= len(data)
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


_CHUNK = 1 << 20


def read_bounded(stream, limit: int) -> bytes:
    """Up to ``limit`` bytes from ``stream``, a megabyte at a time.

    ``stream.read(limit)`` would set aside ``limit`` bytes before reading one, and the
    limit (--max-bytes) is far larger than a filing.
    """
    chunks, total = [], 0
    while total < limit:
        chunk = stream.read(min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large(source: str, max_bytes: int) -> LimitExceeded:
    return LimitExceeded(source, f"file is larger than --max-bytes ({max_bytes:,} bytes); raise the limit to read it")


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# ---------------------------------------------------------------- archives

def _expand(source: str, data: bytes, max_bytes: int, depth: int = 0) -> Iterator[Document | InsidersError]:
    """A document, or the documents inside an archive (one level of nesting)."""
    if data.startswith(GZIP_MAGIC) and depth < 2:
        try:
            inner = _gunzip(data, max_bytes)
        except InsidersError as exc:
            yield type(exc)(source, exc.reason)
            return
        yield from _expand(source, inner, max_bytes, depth + 1)
    elif data.startswith(ZIP_MAGIC) and depth < 2:
        yield from _unzip(source, data, max_bytes, depth)
    else:
        yield Document(source=source, data=data)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = read_bounded(stream, max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ReadError("", f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise LimitExceeded("", f"gzip expands beyond --max-bytes ({max_bytes:,} bytes): refused as a possible archive bomb")
    return out


def _unzip(source: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Document | InsidersError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield ReadError(source, f"corrupt zip archive ({exc})")
        return
    if len(members) > MAX_ARCHIVE_MEMBERS:
        yield LimitExceeded(source, f"zip holds {len(members):,} members; more than {MAX_ARCHIVE_MEMBERS:,}")
        return
    total = 0
    for member in sorted(members, key=lambda m: m.filename):
        name = f"{source}::{_safe_member_name(member.filename)}"
        if member.file_size > max_bytes or (
            member.compress_size and member.file_size / member.compress_size > MAX_COMPRESSION_RATIO
            and member.file_size > 1024 * 1024
        ):
            yield LimitExceeded(name, f"member expands to {member.file_size:,} bytes: refused as a possible archive bomb")
            continue
        try:
            with archive.open(member) as stream:
                content = read_bounded(stream, min(max_bytes, member.file_size) + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            yield ReadError(name, f"cannot read zip member ({exc})")
            continue
        if len(content) > max_bytes:
            yield LimitExceeded(name, "member is larger than --max-bytes")
            continue
        total += len(content)
        if total > max_bytes * 4:
            yield LimitExceeded(source, "archive expands beyond four times --max-bytes: the rest is refused")
            return
        yield from _expand(name, content, max_bytes, depth + 1)


def _safe_member_name(name: str) -> str:
    """Members are never written to disk; still, name them without '..' or control characters."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    cleaned = "/".join(parts)
    return "".join(ch if ch.isprintable() else "?" for ch in cleaned) or "unnamed"
