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

__all__ = ["DecodeError", "decode", "fingerprint", "is_normalised", "normalise", "sniff_wide"]

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


#: byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_wide(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec that ``data`` is written in, judged from its byte-order mark
    or, without one, from where its NUL bytes fall (text in Latin, Cyrillic … scripts puts a
    NUL in every second or in three of every four bytes); None for anything else.

    >>> sniff_wide("Mosca".encode("utf-16-le")), sniff_wide("Mosca".encode("utf-32"))
    ('utf-16-le', 'utf-32')
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return None if codec == "utf-8-sig" else codec
    sample = data[:4096]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    sample = sample[:len(sample) // 4 * 4]

    def zeros(step: int, offset: int) -> float:
        column = sample[offset::step]
        return column.count(0) / max(1, len(column))

    # UTF-32: the top byte is always 0, the next one too but for emoji and rarer scripts
    if zeros(4, 3) == 1.0 and zeros(4, 2) > 0.9 and zeros(4, 0) < 0.5:
        return "utf-32-le"
    if zeros(4, 0) == 1.0 and zeros(4, 1) > 0.9 and zeros(4, 3) < 0.5:
        return "utf-32-be"
    if zeros(2, 1) > 0.5 and zeros(2, 0) < 0.1:
        return "utf-16-le"
    if zeros(2, 0) > 0.5 and zeros(2, 1) < 0.1:
        return "utf-16-be"
    return None


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte {offset} (line {line})"


def _refuse_nul(text: str, source: str) -> str:
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise DecodeError(f"{source}: NUL character at line {line}, column {column}; an "
                          "article is text, and a NUL means a binary file or a broken "
                          "export. Remove it (e.g. tr -d '\\000') and read the file again.")
    return text


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode file bytes to normalised text, or raise :class:`DecodeError` naming ``source``.

    Without ``encoding`` the bytes must be UTF-8 (a UTF-8 BOM is dropped), or UTF-16 or UTF-32
    with a byte-order mark, or UTF-16/UTF-32 without one when :func:`sniff_wide` recognises
    it; each is decoded strictly. Invalid UTF-8 is an error, never mojibake: the message gives
    the byte offset and line, and how to declare the file's real encoding (e.g.
    ``encoding="cp1252"``), which is then used strictly as the declared fallback. A NUL
    character anywhere in the decoded text is an error naming its line and column.
    """
    wide = sniff_wide(data) if encoding is None else None
    if wide is not None:
        try:
            return _refuse_nul(normalise(data.decode(wide)), source)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{source}: looks like {wide.upper()} but is not valid "
                              f"{wide.upper()} ({exc.reason} at byte {exc.start}); re-save "
                              "it as UTF-8.") from exc
    if _looks_binary(data) and encoding is None:
        raise DecodeError(
            f"{source}: looks like a binary file (NUL or control bytes in the first "
            "8 KiB), not an article. Give a .txt, .html or .jsonl file in UTF-8."
        )
    codec = encoding or "utf-8"
    if codec.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(
            codecs.BOM_UTF8):
        codec = "utf-8-sig"
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
            f"{source}: not valid {encoding or 'UTF-8'} at {_where(data, exc.start)} "
            f"({exc.reason}; bytes around it: {context!r}); {hint}."
        ) from exc
    return _refuse_nul(normalise(text), source)
