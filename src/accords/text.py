"""Text normalisation: the one form of text every offset in the project counts in.

Every article text is Unicode NFC with ``\\n`` line endings and no byte-order mark; offsets are
code points of that string (``text[start:end]`` in Python). :func:`normalise` produces it and
:func:`fingerprint` hashes it.

>>> normalise("\\ufeffMOSCA\\r\\nIl programma e\\u0300 stato firmato")
'MOSCA\\nIl programma è stato firmato'
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

__all__ = ["DecodeError", "decode", "fingerprint", "is_normalised", "normalise"]

BOM = "\ufeff"


class DecodeError(ValueError):
    """Bytes that cannot be read as text: binary content or an undeclared encoding."""


def normalise(text: str) -> str:
    """Remove leading BOMs, turn CRLF and lone CR into LF, and compose to NFC."""
    if text.startswith(BOM):
        text = text.lstrip(BOM)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def is_normalised(text: str) -> bool:
    return (not text.startswith(BOM) and "\r" not in text
            and unicodedata.is_normalized("NFC", text))


def fingerprint(text: str) -> str:
    """sha256 (hex) of the UTF-8 bytes of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 50)


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode file bytes to normalised text, or raise :class:`DecodeError` naming ``source``.

    Without ``encoding`` the bytes must be UTF-8 (a UTF-8 BOM is dropped; a UTF-16 BOM is
    honoured). Invalid UTF-8 is an error, never mojibake: the message gives the byte offset and
    how to declare the file's real encoding (e.g. ``encoding="cp1252"``), which is then used
    strictly as the declared fallback.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is None:
        try:
            return normalise(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{source}: starts with a UTF-16 byte-order mark but is not "
                              f"valid UTF-16 ({exc.reason} at byte {exc.start}).") from exc
    if _looks_binary(data):
        raise DecodeError(
            f"{source}: looks like a binary file (NUL or control bytes in the first "
            "8 KiB), not an article. Give a .txt, .html or .jsonl file."
        )
    codec = encoding or "utf-8"
    try:
        text = data.decode(codec)
    except LookupError as exc:
        raise DecodeError(f"{source}: unknown encoding {encoding!r}.") from exc
    except UnicodeDecodeError as exc:
        context = data[max(0, exc.start - 20): exc.start + 10]
        hint = ("re-save it as UTF-8, or declare its real encoding, e.g. "
                "read_articles(path, encoding='cp1252')") if encoding is None else (
                "check the declared encoding")
        raise DecodeError(
            f"{source}: not valid {encoding or 'UTF-8'} at byte {exc.start} ({exc.reason}; "
            f"bytes around it: {context!r}); {hint}."
        ) from exc
    return normalise(text)
