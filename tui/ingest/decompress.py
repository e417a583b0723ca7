"""Undo a response's Content-Encoding without ever holding more than the body limit.

A few kilobytes of gzip can expand to gigabytes, and stacking encodings (`gzip, gzip`)
multiplies that: checking the size only once everything is decoded means the bomb has already
gone off. So every layer is undone in bounded steps (`max_length`), the bytes each layer puts
out are counted as they come, and the first byte past the limit ends the source. At most
`MAX_ENCODINGS` layers are accepted: no real server compresses a page three times.
"""

from __future__ import annotations

import zlib

MAX_ENCODINGS = 2
# What each encoding name means to zlib: gzip framing, or zlib framing (raw deflate is tried
# when that fails, as browsers do, since many servers send raw deflate under that name).
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
ACCEPT_ENCODING = "gzip, deflate"


class DecompressionError(Exception):
    """The body cannot be decoded within the limits; the message is one line saying why."""


class TooLarge(DecompressionError):
    """Decoding would put out more than the limit."""


def encodings(header: str) -> tuple[str, ...]:
    """The encodings a Content-Encoding header lists, in the order they were applied."""
    names = tuple(n.strip().lower() for n in header.split(",") if n.strip())
    names = tuple(n for n in names if n != "identity")
    if len(names) > MAX_ENCODINGS:
        raise DecompressionError(
            f"the body is compressed {len(names)} times over (Content-Encoding: "
            f"{', '.join(names)[:60]}); at most {MAX_ENCODINGS} layers are accepted"
        )
    unknown = [n for n in names if n not in _WBITS]
    if unknown:
        raise DecompressionError(f"unsupported compression '{unknown[0][:30]}' (Content-Encoding)")
    return names


def decompress(body: bytes, applied: tuple[str, ...], limit: int) -> bytes:
    """`body` with every encoding in `applied` undone, last applied first.

    Raises `TooLarge` as soon as any layer puts out more than `limit` bytes, and
    `DecompressionError` for a damaged stream.
    """
    data = body
    for name in reversed(applied):
        data = _undo(name, data, limit)
    return data


def _undo(name: str, data: bytes, limit: int) -> bytes:
    try:
        return _inflate(zlib.decompressobj(_WBITS[name]), data, limit)
    except zlib.error as exc:
        if name != "deflate":
            raise DecompressionError(f"damaged {name} data ({exc})") from None
    try:
        return _inflate(zlib.decompressobj(-zlib.MAX_WBITS), data, limit)
    except zlib.error as exc:
        raise DecompressionError(f"damaged deflate data ({exc})") from None


def _inflate(decoder: zlib._Decompress, data: bytes, limit: int) -> bytes:
    """Inflate in steps of at most what is left under `limit`, so a bomb is caught early."""
    pieces: list[bytes] = []
    produced = 0
    pending = data
    while pending and not decoder.eof:
        piece = decoder.decompress(pending, limit - produced + 1)
        produced += len(piece)
        if produced > limit:
            raise TooLarge(f"more than {limit} bytes once decompressed")
        pieces.append(piece)
        pending = decoder.unconsumed_tail
    if not decoder.eof:  # a stream cut short: keep what it held, as browsers do
        pieces.append(decoder.flush())
        produced += len(pieces[-1])
        if produced > limit:
            raise TooLarge(f"more than {limit} bytes once decompressed")
        if not produced:
            raise DecompressionError("the stream ends before any data")
    return b"".join(pieces)
