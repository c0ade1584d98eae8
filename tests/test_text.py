"""Normalisation and decoding: one text form, and no mojibake ever."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

import pytest
from hypothesis import given
from strategies import raw_texts

from accords.read.text import DecodeError, decode, fingerprint, is_normalised, normalise


def test_normalise_drops_bom_turns_crlf_into_lf_and_composes_accents():
    raw = "\ufeffMOSCA\r\nIl programma e\u0300 stato firmato\rfine"
    assert normalise(raw) == "MOSCA\nIl programma è stato firmato\nfine"


def test_fingerprint_is_sha256_of_the_normalised_utf8_text():
    text = "Russia–Kazakistan: firmato"
    assert fingerprint("\ufeff" + text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_invalid_utf8_is_an_error_naming_the_file_and_the_byte():
    data = "città".encode("cp1252")
    with pytest.raises(DecodeError, match=r"art\.txt: not valid UTF-8 at byte 4.*encoding="):
        decode(data, "art.txt")


def test_a_declared_encoding_is_the_fallback():
    assert decode("città".encode("cp1252"), "art.txt", encoding="cp1252") == "città"


def test_binary_content_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.txt")


def test_utf16_with_bom_is_read():
    data = codecs.BOM_UTF16_LE + "Мосва\r\n".encode("utf-16-le")
    assert decode(data, "ru.txt") == "Мосва\n"


@given(raw_texts)
def test_normalise_is_idempotent_and_yields_normalised_text(raw):
    once = normalise(raw)
    assert normalise(once) == once
    assert is_normalised(once)
    assert "\r" not in once and not once.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", once)


@given(raw_texts)
def test_decode_of_utf8_bytes_equals_normalise(raw):
    if not raw.strip("\x00") or any(ord(c) < 32 and c not in "\t\n\r\x0c\x1b" for c in raw):
        return  # control-heavy strings are (rightly) treated as binary
    assert decode(raw.encode("utf-8"), "x.txt") == normalise(raw)
